import path from 'node:path';

import { ensureServerBinaries } from './binaries';
import {
  CREDENTIALS_FILE,
  InfraCredentials,
  loadOrCreateCredentials,
  withUserInfo,
} from './credentials';
import { NatsCluster, startNatsCluster } from './nats-cluster';
import { PostgresReplicaPair, startPostgresReplicaPair } from './postgres-replica';
import { RedisSentinelGroup, startRedisSentinelGroup } from './redis-sentinel';

export interface ClusterServersOptions {
  /** nats-<i>/, redis-primary/, redis-replica/, sentinel-<i>/, pg-primary/, pg-replica/. */
  baseDir: string;
  persistent: boolean;
  /** Service databases that get a role and password in the credentials. */
  databases?: readonly string[];
  startupTimeoutMs?: number;
}

/**
 * The infrastructure of a cluster on one machine: a 3-node NATS cluster with JetStream, a Redis
 * primary with a replica and three Sentinels, a PostgreSQL primary with a streaming replica.
 * Every server refuses clients without the passwords of `credentials` (one file, as for
 * `startLocalServers`).
 */
export interface ClusterServers {
  nats: NatsCluster;
  redis: RedisSentinelGroup;
  postgres: PostgresReplicaPair;
  credentials: InfraCredentials;
  credentialsFile: string;
  /** Every NATS node, the first with the operator's credentials (a service's NATS_URL shape). */
  natsUrl: string;
  /** Only the password counts: clients find the primary through `redis.sentinelAddresses`. */
  redisUrl: string;
  /** The PostgreSQL primary's admin URL (after a failover: point clients at the replica). */
  postgresUrl: string;
  stop(): Promise<void>;
}

export async function startClusterServers(options: ClusterServersOptions): Promise<ClusterServers> {
  await ensureServerBinaries();
  const credentialsFile = path.join(options.baseDir, CREDENTIALS_FILE);
  const credentials = loadOrCreateCredentials(credentialsFile, options.databases ?? []);
  const common = { persistent: options.persistent, startupTimeoutMs: options.startupTimeoutMs };
  const [nats, redis, postgres] = await Promise.allSettled([
    startNatsCluster({
      ...common,
      baseDir: options.baseDir,
      password: credentials.nats.operator,
      servicePasswords: credentials.nats.services,
    }),
    startRedisSentinelGroup({ ...common, baseDir: options.baseDir, password: credentials.redis }),
    startPostgresReplicaPair({
      ...common,
      baseDir: options.baseDir,
      password: credentials.postgres.superuser,
    }),
  ]);
  if (
    nats.status === 'fulfilled' &&
    redis.status === 'fulfilled' &&
    postgres.status === 'fulfilled'
  ) {
    const [first, ...others] = nats.value.urls;
    return {
      nats: nats.value,
      redis: redis.value,
      postgres: postgres.value,
      credentials,
      credentialsFile,
      natsUrl: [first, ...others.map((u) => new URL(u).host)].join(','),
      redisUrl: withUserInfo('redis://127.0.0.1:6379', '', credentials.redis),
      postgresUrl: postgres.value.primary.url,
      async stop() {
        await Promise.allSettled([nats.value.stop(), redis.value.stop(), postgres.value.stop()]);
      },
    };
  }
  const all = [nats, redis, postgres];
  await Promise.allSettled(all.flatMap((r) => (r.status === 'fulfilled' ? [r.value.stop()] : [])));
  const errors = all.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  throw errors.length === 1
    ? errors[0]
    : new Error(errors.map((e) => e.message).join('\n\n'), { cause: errors[0] });
}
