import { connect, NatsConnection, StringCodec } from 'nats';
import { Redis } from 'ioredis';
import { Client } from 'pg';

import { natsConnectionOptions } from '@im/platform';

import { testServerUrls } from '../src';

describe('test servers of the jest global setup', () => {
  const urls = testServerUrls();

  it('hands out 127.0.0.1 URLs for nats, redis and postgres, with the admin credentials', () => {
    expect(urls.natsUrl).toMatch(/^nats:\/\/operator:[\w-]+@127\.0\.0\.1:\d+$/);
    expect(urls.redisUrl).toMatch(/^redis:\/\/:[\w-]+@127\.0\.0\.1:\d+$/);
    expect(urls.pgAdminUrl).toMatch(/^postgres:\/\/postgres:[\w-]+@127\.0\.0\.1:\d+\/postgres$/);
  });

  it('runs NATS with JetStream on: a stream takes a published message', async () => {
    const nc: NatsConnection = await connect(natsConnectionOptions([urls.natsUrl]));
    try {
      const jsm = await nc.jetstreamManager();
      const stream = `HARNESS_${Date.now()}`;
      await jsm.streams.add({ name: stream, subjects: [`harness.${stream}.>`] });
      const ack = await nc.jetstream().publish(`harness.${stream}.evt`, StringCodec().encode('hi'));
      expect(ack.stream).toBe(stream);
      expect(ack.seq).toBe(1);
      await jsm.streams.delete(stream);
    } finally {
      await nc.close();
    }
  });

  it('runs Redis: SET then GET returns the value', async () => {
    const redis = new Redis(urls.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      await redis.set('testing:harness:key', 'value', 'EX', 60);
      expect(await redis.get('testing:harness:key')).toBe('value');
    } finally {
      await redis.quit();
    }
  });

  it('runs Postgres: SELECT 1 on the admin URL', async () => {
    const client = new Client({ connectionString: urls.pgAdminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });
});
