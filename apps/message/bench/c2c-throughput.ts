/**
 * C2C throughput of the message service: the built service (apps/message/dist) runs as its
 * own process with the account service, on servers of their own; this process plays the
 * clients (requests over NATS as users, a window of requests in flight) and stands in for the
 * profile and relation services. Prints msgs/s for messages between many pairs and for one hot
 * conversation. Not a test: nothing is asserted.
 *
 *   npx tsc -b tsconfig.build.json
 *   npx jest -c apps/message/bench/jest.config.js           # N=20000 WINDOW=200 by default
 *   BENCH_MESSAGES=50000 BENCH_WINDOW=400 npx jest -c apps/message/bench/jest.config.js
 *   BENCH_PERSISTENT=1 ...    # PostgreSQL with fsync and synchronous commit, as deployed
 *   IM_CPU_PROF_DIR=/tmp/prof ...   # plus a CPU profile of each service (bench/README.md)
 *
 * Per scenario it also prints the message service's I/O per message: PostgreSQL transactions
 * (batches) and statements, Redis commands (by name; the commands scripts run inside are
 * counted apart) and Redis network reads (each a round trip's worth of commands).
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';

import { Redis } from 'ioredis';
import { Client } from 'pg';

import { AccountRpc, MessageRpc } from '@im/contracts';
import { createLogger, NatsBus } from '@im/platform';
/* eslint-disable @nx/enforce-module-boundaries -- a benchmark starts real servers, as tests do */
import { createTempDir, PlatformApps, startLocalServers, startPlatform } from '@im/testing';
/* eslint-enable @nx/enforce-module-boundaries */

import { FakeServices } from '../test/fake-services';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const USERS = 200;
const PERSISTENT = process.env.BENCH_PERSISTENT === '1';

/** Counters of the servers' work, read before and after a scenario. */
type Counters = Record<string, number>;

/** Redis: calls per command, script calls apart (`*.script`), network reads. */
async function redisCounters(redis: Redis): Promise<Counters> {
  const counters: Counters = {};
  const stats = await redis.info('commandstats');
  for (const m of stats.matchAll(/cmdstat_([a-z|]+):calls=(\d+)/g))
    counters[`redis ${m[1]}`] = Number(m[2]);
  const general = await redis.info('stats');
  const reads = /total_reads_processed:(\d+)/.exec(general);
  if (reads) counters['redis network reads'] = Number(reads[1]);
  return counters;
}

/** PostgreSQL: the message database's commits and statements (pg_stat_database). */
async function pgCounters(pg: Client, database: string): Promise<Counters> {
  const { rows } = await pg.query<{ xact_commit: string; tup_inserted: string }>(
    'SELECT xact_commit, tup_inserted FROM pg_stat_database WHERE datname = $1',
    [database],
  );
  return {
    'pg commits': Number(rows[0]?.xact_commit ?? 0),
    'pg rows inserted': Number(rows[0]?.tup_inserted ?? 0),
  };
}

function perMessage(before: Counters, after: Counters, messages: number): string {
  return Object.keys(after)
    .map((k) => [k, (after[k] - (before[k] ?? 0)) / messages] as const)
    .filter(([, v]) => v >= 0.005)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
}

/** CPU seconds (user + system) a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second here).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function inWindow(total: number, width: number, work: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < total) await work(next++);
    }),
  );
}

async function run(): Promise<string[]> {
  const dir = await createTempDir();
  const servers = await startLocalServers({ baseDir: dir, persistent: PERSISTENT });
  const lines: string[] = [];
  try {
    const infra = {
      natsUrl: servers.nats.url,
      redisUrl: servers.redis.url,
      postgresUrl: servers.postgres.url,
      credentials: servers.credentials,
    };
    const platform = await startPlatform({
      infra,
      services: ['account', 'message'],
      logDir: path.join(dir, 'logs'),
      logLevel: 'warn',
      databaseName: (_s, db) => `${db}_bench_test`,
    });
    const bus = new NatsBus({
      servers: [infra.natsUrl],
      name: 'bench-client',
      requestTimeoutMs: 30_000,
      logger: createLogger('bench', 'client', 'silent'),
    });
    await bus.connect();
    const fakes = await FakeServices.start(bus.connection);
    const redis = new Redis(infra.redisUrl, { lazyConnect: true });
    await redis.connect();
    const pg = new Client({ connectionString: infra.postgresUrl });
    await pg.connect();
    const apps = await PlatformApps.connect(infra.natsUrl);
    try {
      const app = await apps.create();
      const admin = {
        context: { sdkAppId: app.sdkAppId, role: 'admin' as const, callerId: 'administrator' },
      };
      const users = Array.from({ length: USERS }, (_, i) => `user${i}`);
      for (let i = 0; i < users.length; i += 100)
        await bus.request(
          AccountRpc.ImportMany,
          { accounts: users.slice(i, i + 100).map((userId) => ({ userId })) },
          admin,
        );
      const as = (userId: string) => ({
        context: { sdkAppId: app.sdkAppId, role: 'user' as const, callerId: userId },
      });
      let random = 1;
      const send = (from: string, to: string) =>
        bus.request(
          MessageRpc.SendC2c,
          {
            to,
            random: random++,
            body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello there' } }],
          },
          as(from),
        );
      const pair = (i: number): [string, string] => {
        const a = i % USERS;
        const b = (i * 7 + 13) % USERS;
        return [users[a], users[b === a ? (b + 1) % USERS : b]];
      };

      // Warm-up: caches, JIT, partitions, seq marks of the pairs.
      await inWindow(2000, WINDOW, (i) => send(...pair(i)));

      const servicePid = platform.services.get('message')!.pid;
      for (const scenario of ['many pairs', 'one conversation'] as const) {
        const ioBefore = {
          ...(await redisCounters(redis)),
          ...(await pgCounters(pg, 'im_message_bench_test')),
        };
        const cpuBefore = cpuSeconds(servicePid);
        const started = process.hrtime.bigint();
        await inWindow(MESSAGES, WINDOW, (i) =>
          scenario === 'many pairs' ? send(...pair(i)) : send(users[i % 2], users[1 - (i % 2)]),
        );
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const cpu = cpuSeconds(servicePid) - cpuBefore;
        const ioAfter = {
          ...(await redisCounters(redis)),
          ...(await pgCounters(pg, 'im_message_bench_test')),
        };
        lines.push(
          `${scenario}: ${MESSAGES} C2C messages, window ${WINDOW}: ${seconds.toFixed(2)} s, ` +
            `${Math.round(MESSAGES / seconds)} msgs/s; message service CPU ` +
            `${Math.round((cpu * 1e6) / MESSAGES)} µs/msg (${Math.round(MESSAGES / cpu)} msgs per CPU-second)`,
          `  ${scenario}, per message: ${perMessage(ioBefore, ioAfter, MESSAGES)}`,
        );
      }
    } finally {
      fakes.stop();
      redis.disconnect();
      await pg.end();
      await apps.close();
      await bus.close();
      await platform.stop();
    }
  } finally {
    await servers.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return lines;
}

describe('message service C2C throughput', () => {
  it('prints msgs/s', async () => {
    const lines = await run();
    for (const line of lines) process.stdout.write(`[bench] ${line}\n`);
    expect(lines).toHaveLength(4);
  }, 900_000);
});
