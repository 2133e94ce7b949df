import path from 'node:path';

import { Redis } from 'ioredis';

import { newSecret } from './credentials';
import { findFreePortRange } from './free-port';
import { startRedisServer } from './redis-server.process';
import { ServerHandle } from './server-handle';
import { waitFor } from '../wait-for';

export interface RedisSentinelOptions {
  /** `<baseDir>/redis-primary`, `redis-replica`, `sentinel-<i>`. */
  baseDir: string;
  /** The one password of the data servers and of the sentinels; new when absent. */
  password?: string;
  /** Sentinels watching the primary; a quorum of ⌊n/2⌋+1 must agree it is down. Default 3. */
  sentinels?: number;
  /** How long the primary must be unreachable before the sentinels call it down; default 1 s. */
  downAfterMs?: number;
  persistent?: boolean;
  startupTimeoutMs?: number;
}

export interface RedisSentinelGroup {
  /** The name the sentinels know the group by (`REDIS_SENTINEL_NAME`). */
  name: string;
  password: string;
  /** The two data servers, by their role at start: index 0 the primary, 1 its replica. */
  servers: ServerHandle[];
  sentinels: ServerHandle[];
  /** Every sentinel's `127.0.0.1:port`, comma-separated (`REDIS_SENTINELS`). */
  sentinelAddresses: string;
  /** The data server the sentinels name primary right now (`servers` index). */
  currentPrimary(): Promise<number>;
  /** Starts data server `i` again after it exited: it comes back as a replica of whoever leads. */
  restartServer(i: number): Promise<ServerHandle>;
  stop(): Promise<void>;
}

const NAME = 'im-primary';

async function withRedis<T>(port: number, password: string, fn: (r: Redis) => Promise<T>) {
  const redis = new Redis({
    host: '127.0.0.1',
    port,
    password,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

/**
 * Starts, on 127.0.0.1, a Redis primary, one replica of it and `sentinels` Sentinels watching
 * the pair, all with one password. Resolves once the replica is in sync and every sentinel
 * knows the replica and the other sentinels, so a failover can be voted at once. Clients find
 * the primary by asking a sentinel for `name` (ioredis `sentinels` + `name`).
 */
export async function startRedisSentinelGroup(
  options: RedisSentinelOptions,
): Promise<RedisSentinelGroup> {
  const password = options.password ?? newSecret();
  const sentinelCount = options.sentinels ?? 3;
  const first = await findFreePortRange(2 + sentinelCount);
  const dataPorts = [first, first + 1];
  const sentinelPorts = Array.from({ length: sentinelCount }, (_, i) => first + 2 + i);
  const timeout = options.startupTimeoutMs ?? 30_000;
  const startedHandles: ServerHandle[] = [];
  const startData = (i: number, replicaOf?: number) =>
    startRedisServer({
      dataDir: path.join(options.baseDir, i === 0 ? 'redis-primary' : 'redis-replica'),
      port: dataPorts[i],
      password,
      persistent: options.persistent,
      startupTimeoutMs: timeout,
      // masterauth on both: after a failover the old primary comes back as a replica
      config: [
        `masterauth ${password}`,
        ...(replicaOf ? [`replicaof 127.0.0.1 ${replicaOf}`] : []),
      ],
    });
  try {
    const servers = [await startData(0)];
    startedHandles.push(servers[0]);
    servers.push(await startData(1, dataPorts[0]));
    startedHandles.push(servers[1]);
    await waitFor(
      () =>
        withRedis(dataPorts[0], password, async (r) =>
          /slave0:.*state=online/.test(await r.info('replication')),
        ),
      { timeoutMs: timeout, intervalMs: 200, message: 'the replica in sync with the primary' },
    );
    const quorum = Math.floor(sentinelCount / 2) + 1;
    const sentinels = await Promise.all(
      sentinelPorts.map((port, i) =>
        startRedisServer({
          dataDir: path.join(options.baseDir, `sentinel-${i}`),
          port,
          password,
          sentinel: true,
          startupTimeoutMs: timeout,
          config: [
            `sentinel resolve-hostnames no`,
            `sentinel monitor ${NAME} 127.0.0.1 ${dataPorts[0]} ${quorum}`,
            `sentinel auth-pass ${NAME} ${password}`,
            `sentinel down-after-milliseconds ${NAME} ${options.downAfterMs ?? 1000}`,
            `sentinel failover-timeout ${NAME} 10000`,
            `sentinel parallel-syncs ${NAME} 1`,
          ],
        }).then((h) => (startedHandles.push(h), h)),
      ),
    );
    await waitFor(
      async () => {
        const views = await Promise.all(
          sentinelPorts.map((port) =>
            withRedis(port, password, async (r) => {
              const others = (await r.call('SENTINEL', 'sentinels', NAME)) as unknown[];
              const replicas = (await r.call('SENTINEL', 'replicas', NAME)) as unknown[];
              return others.length === sentinelCount - 1 && replicas.length === 1;
            }),
          ),
        );
        return views.every(Boolean);
      },
      {
        timeoutMs: timeout,
        intervalMs: 200,
        message: 'every sentinel knowing the replica and the other sentinels',
      },
    );
    const group: RedisSentinelGroup = {
      name: NAME,
      password,
      servers,
      sentinels,
      sentinelAddresses: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
      async currentPrimary() {
        for (const port of sentinelPorts) {
          const addr = await withRedis(port, password, (r) =>
            r.call('SENTINEL', 'get-master-addr-by-name', NAME),
          ).catch(() => undefined);
          if (Array.isArray(addr)) return dataPorts.indexOf(Number(addr[1]));
        }
        throw new Error('[testing] no sentinel answered');
      },
      async restartServer(i) {
        const leader = await group.currentPrimary();
        const handle = await startData(i, leader === i ? undefined : dataPorts[leader]);
        servers[i] = handle;
        return handle;
      },
      async stop() {
        await Promise.allSettled([...sentinels, ...servers].map((h) => h.stop()));
      },
    };
    return group;
  } catch (err) {
    await Promise.allSettled(startedHandles.map((h) => h.stop()));
    throw err;
  }
}
