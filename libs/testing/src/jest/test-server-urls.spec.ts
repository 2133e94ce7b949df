import {
  clearTestServerUrls,
  exportTestServerUrls,
  hasTestServerUrls,
  testServerUrls,
} from './test-server-urls';

const urls = {
  natsUrl: 'nats://127.0.0.1:1',
  redisUrl: 'redis://127.0.0.1:2',
  pgAdminUrl: 'postgres://postgres@127.0.0.1:3/postgres',
};

describe(testServerUrls.name, () => {
  it('reads the three URLs a global setup exported', () => {
    const env: Record<string, string | undefined> = {};
    exportTestServerUrls(urls, env);

    expect(hasTestServerUrls(env)).toBe(true);
    expect(testServerUrls(env)).toEqual(urls);
  });

  it('names the missing variables and the global setup when run outside it', () => {
    expect(() => testServerUrls({ IM_TEST_NATS_URL: urls.natsUrl })).toThrow(
      /IM_TEST_REDIS_URL, IM_TEST_PG_URL not set.*globalSetup/s,
    );
  });

  it('forgets the URLs on clear', () => {
    const env: Record<string, string | undefined> = {};
    exportTestServerUrls(urls, env);
    clearTestServerUrls(env);

    expect(hasTestServerUrls(env)).toBe(false);
  });
});
