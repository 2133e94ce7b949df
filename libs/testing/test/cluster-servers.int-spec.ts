import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { Redis } from 'ioredis';
import { AckPolicy, connect, NatsConnection, StringCodec } from 'nats';
import { Client } from 'pg';

import { natsConnectionOptions } from '@im/platform';

import {
  NatsCluster,
  PostgresReplicaPair,
  RedisSentinelGroup,
  startNatsCluster,
  startPostgresReplicaPair,
  startRedisSentinelGroup,
  waitFor,
} from '../src';
import { readFirstLine } from '../src/servers/tcp-probe';

const codec = StringCodec();

describe('a NATS cluster started by the harness', () => {
  let baseDir: string;
  let cluster: NatsCluster;
  let nc: NatsConnection;

  beforeAll(async () => {
    baseDir = await mkdtemp(path.join(os.tmpdir(), 'im-nats-cluster-'));
    cluster = await startNatsCluster({ baseDir, persistent: false });
    nc = await connect({ ...natsConnectionOptions(cluster.urls), name: 'cluster-test' });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await cluster?.stop();
    await rm(baseDir, { recursive: true, force: true });
  });

  it('forms one JetStream cluster of three routed nodes', async () => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.add({
      name: 'R3_PROBE',
      subjects: ['probe.>'],
      num_replicas: 3,
    });

    expect(info.cluster?.name).toBe('im-cluster');
    expect(
      [info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((r) => r.name)].sort(),
    ).toEqual(['im-nats-0', 'im-nats-1', 'im-nats-2']);
  });

  it('keeps an R3 stream writable and every acknowledged message through the loss of its leader', async () => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: 'R3_KILL', subjects: ['kill.>'], num_replicas: 3 });
    const js = nc.jetstream();
    for (let i = 0; i < 50; i++) await js.publish('kill.a', codec.encode(`before-${i}`));

    const leader = (await jsm.streams.info('R3_KILL')).cluster!.leader!;
    const index = Number(leader.replace('im-nats-', ''));
    process.kill(cluster.nodes[index].pid, 'SIGKILL');
    await cluster.nodes[index].exited;

    // a new leader is elected among the two left; publishing works again
    await waitFor(
      async () => {
        try {
          await js.publish('kill.a', codec.encode('after-0'), { timeout: 2000 });
          return true;
        } catch {
          return false;
        }
      },
      { timeoutMs: 60_000, message: 'the stream accepting writes after its leader died' },
    );
    for (let i = 1; i < 50; i++) await js.publish('kill.a', codec.encode(`after-${i}`));

    await cluster.restart(index);
    await jsm.consumers.add('R3_KILL', { durable_name: 'reader', ack_policy: AckPolicy.None });
    const consumer = await js.consumers.get('R3_KILL', 'reader');
    const seen: string[] = [];
    const messages = await consumer.fetch({ max_messages: 100, expires: 5000 });
    for await (const m of messages) seen.push(codec.decode(m.data));

    expect(seen).toEqual([
      ...Array.from({ length: 50 }, (_, i) => `before-${i}`),
      ...Array.from({ length: 50 }, (_, i) => `after-${i}`),
    ]);
    const restarted = await jsm.streams.info('R3_KILL');
    expect(restarted.state.messages).toBe(100);
  });
});

describe('a Redis primary, replica and three Sentinels started by the harness', () => {
  let baseDir: string;
  let group: RedisSentinelGroup;
  let redis: Redis;

  beforeAll(async () => {
    baseDir = await mkdtemp(path.join(os.tmpdir(), 'im-redis-sentinel-'));
    await chmod(baseDir, 0o755); // as root, redis runs as its own user and must get in
    group = await startRedisSentinelGroup({ baseDir, persistent: false });
    redis = new Redis({
      sentinels: group.sentinelAddresses.split(',').map((a) => {
        const [host, port] = a.split(':');
        return { host, port: Number(port) };
      }),
      name: group.name,
      password: group.password,
      sentinelPassword: group.password,
      maxRetriesPerRequest: 2,
    });
    redis.on('error', () => undefined);
  }, 120_000);

  afterAll(async () => {
    redis?.disconnect();
    await group?.stop();
    await rm(baseDir, { recursive: true, force: true });
  });

  it('refuses a client without the password, on the data servers and on the sentinels', async () => {
    for (const port of [...group.servers, ...group.sentinels].map((s) => s.port)) {
      expect(await readFirstLine(port, 'PING\r\n')).toMatch(/^-NOAUTH/);
    }
  });

  it('promotes the replica when the primary dies, and the client follows it through Sentinel', async () => {
    for (let i = 0; i < 100; i++) await redis.set(`k${i}`, `v${i}`);
    // acknowledged by the replica before the primary dies (replication is asynchronous)
    expect(await redis.call('WAIT', '1', '5000')).toBe(1);
    expect(await group.currentPrimary()).toBe(0);

    process.kill(group.servers[0].pid, 'SIGKILL');
    await group.servers[0].exited;

    await waitFor(async () => (await group.currentPrimary()) === 1, {
      timeoutMs: 60_000,
      intervalMs: 200,
      message: 'the sentinels promoting the replica',
    });
    await waitFor(
      async () => (await redis.set('after', 'failover').catch(() => 'refused')) === 'OK',
      { timeoutMs: 30_000, intervalMs: 200, message: 'the client writing to the new primary' },
    );
    const values = await redis.mget(Array.from({ length: 100 }, (_, i) => `k${i}`));
    expect(values).toEqual(Array.from({ length: 100 }, (_, i) => `v${i}`));

    // the old primary comes back as a replica of the new one
    await group.restartServer(0);
    const back = new Redis({ port: group.servers[0].port, password: group.password });
    await waitFor(async () => (await back.get('after')) === 'failover', {
      timeoutMs: 30_000,
      intervalMs: 200,
      message: 'the old primary replicating from the new one',
    });
    expect(await back.info('replication')).toMatch(/role:slave/);
    back.disconnect();
  });
});

async function pg<T extends object>(url: string, sql: string, params: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('a PostgreSQL primary with a streaming replica started by the harness', () => {
  let baseDir: string;
  let pair: PostgresReplicaPair;

  beforeAll(async () => {
    baseDir = await mkdtemp(path.join(os.tmpdir(), 'im-pg-replica-'));
    await chmod(baseDir, 0o755); // as root, postgres runs as its own user and must get in
    pair = await startPostgresReplicaPair({ baseDir, persistent: false });
  }, 180_000);

  afterAll(async () => {
    await pair?.stop();
    await rm(baseDir, { recursive: true, force: true });
  });

  it('streams every committed row to the replica, which answers reads and refuses writes', async () => {
    await pg(pair.primary.url, 'CREATE TABLE probe (id int PRIMARY KEY, body text NOT NULL)');
    for (let i = 0; i < 100; i++) {
      await pg(pair.primary.url, 'INSERT INTO probe VALUES ($1, $2)', [i, `row-${i}`]);
    }
    // synchronous replication (remote_apply): each commit returned once the replica applied it
    const rows = await pg<{ n: string }>(pair.replica.url, 'SELECT count(*) AS n FROM probe');
    expect(rows[0].n).toBe('100');
    await expect(
      pg(pair.replica.url, `INSERT INTO probe VALUES (1000, 'x')`),
    ).rejects.toMatchObject({
      code: '25006', // read_only_sql_transaction
    });
  });

  it('keeps every committed row when the primary dies and the replica is promoted', async () => {
    process.kill(pair.primary.pid, 'SIGKILL');
    await pair.primary.exited;

    await pair.promoteReplica();

    await pg(pair.replica.url, `INSERT INTO probe VALUES (1000, 'after')`);
    const rows = await pg<{ n: string }>(pair.replica.url, 'SELECT count(*) AS n FROM probe');
    expect(rows[0].n).toBe('101');
  });
});
