import { redisConnectionOptions } from './redis-connection';

describe(redisConnectionOptions.name, () => {
  it('connects to the one server of the URL, with its password and database', () => {
    expect(redisConnectionOptions({ url: 'redis://:p%40ss@redis.internal:6380/2' })).toEqual({
      host: 'redis.internal',
      port: 6380,
      password: 'p@ss',
      db: 2,
    });
  });

  it('asks the Sentinels for the primary, authenticating to both with the URL password', () => {
    expect(
      redisConnectionOptions({
        url: 'redis://:secret@ignored:6379',
        sentinels: ['s1:26379', 's2:26380', 's3'],
        sentinelName: 'im-primary',
      }),
    ).toEqual({
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26380 },
        { host: 's3', port: 26379 },
      ],
      name: 'im-primary',
      password: 'secret',
      sentinelPassword: 'secret',
      db: 0,
    });
  });

  it('speaks TLS for a rediss:// URL', () => {
    expect(redisConnectionOptions({ url: 'rediss://cache:6379' })).toMatchObject({ tls: {} });
  });
});
