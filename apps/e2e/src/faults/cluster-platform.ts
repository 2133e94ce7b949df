import path from 'node:path';

import type { AppReply } from '@im/contracts';
import { RestAdminClient } from '@im/sdk';
import {
  ClusterServers,
  createTempDir,
  PLATFORM_SERVICES,
  PlatformApps,
  RunningPlatform,
  startClusterServers,
  startPlatform,
  waitFor,
} from '@im/testing';

import type { BreakablePlatform } from './fault-scenario';

/** A NATS node, the Redis primary, or the second process of a service (`message-2`, ...). */
export type ClusterFaultTarget = 'nats-node' | 'redis-primary' | `${string}-2`;

/** Every fault of the cluster suite, one at a time: a server, then each service's second process. */
export const ALL_CLUSTER_FAULTS: readonly ClusterFaultTarget[] = [
  'nats-node',
  'redis-primary',
  ...PLATFORM_SERVICES.map((s) => `${s.name}-2` as const),
];

/** The NATS node the suite kills: the one every client is given first. */
const NATS_NODE = 0;

/**
 * The platform as a cluster on one machine (issue 17): a 3-node NATS cluster with JetStream
 * (streams at R3), Redis primary + replica + 3 Sentinels, PostgreSQL primary + streaming
 * replica, and two processes of every service. A fault kills one thing with SIGKILL; the
 * others keep serving while it is down, and it is started again afterwards (a service by the
 * harness, a NATS node on its ports and store; a dead Redis primary comes back as a replica of
 * the one Sentinel promoted).
 */
export class ClusterPlatform implements BreakablePlatform {
  /** The Redis server killed as primary, until it is started again (as a replica). */
  private deadRedis?: number;

  private constructor(
    readonly dir: string,
    readonly servers: ClusterServers,
    readonly platform: RunningPlatform,
    readonly apps: PlatformApps,
  ) {}

  static async start(): Promise<ClusterPlatform> {
    const dir = await createTempDir();
    const servers = await startClusterServers({ baseDir: dir, persistent: true });
    try {
      const everyService = Object.fromEntries(PLATFORM_SERVICES.map((s) => [s.name, 2]));
      const r3 = Object.fromEntries(
        PLATFORM_SERVICES.map((s) => [s.name, { NATS_STREAM_REPLICAS: '3' }]),
      );
      const platform = await startPlatform({
        infra: {
          natsUrl: servers.natsUrl,
          redisUrl: servers.redisUrl,
          redisSentinels: servers.redis.sentinelAddresses,
          redisSentinelName: servers.redis.name,
          postgresUrl: servers.postgresUrl,
          credentials: servers.credentials,
        },
        logDir: path.join(dir, 'logs'),
        databaseName: (_service, database) => `${database}_e2e_test`,
        logLevel: 'warn',
        instances: everyService,
        extraEnv: {
          ...r3,
          'conn-gateway': {
            ...r3['conn-gateway'],
            // presence refreshed often, so a promoted Redis knows the sessions again soon
            CONN_GATEWAY_HEARTBEAT_INTERVAL_MS: '2000',
            // every test client comes from 127.0.0.1: when one gateway is killed, all of the
            // crowd (2,000 in full mode) reconnects to the other
            CONN_GATEWAY_MAX_CONNECTIONS_PER_IP: '20000',
          },
        },
      });
      return new ClusterPlatform(
        dir,
        servers,
        platform,
        await PlatformApps.connect(servers.natsUrl),
      );
    } catch (err) {
      await servers.stop();
      throw err;
    }
  }

  get restUrl(): string {
    return this.platform.restUrl;
  }

  get wsUrls(): string[] {
    return this.platform.wsUrls;
  }

  /** Processes running: every service twice. */
  get processCount(): number {
    return this.platform.services.size;
  }

  createApp(): Promise<AppReply> {
    return this.apps.create({ settings: { avChatRoomEnabled: true } });
  }

  admin(app: AppReply): RestAdminClient {
    return new RestAdminClient({
      baseUrl: this.restUrl,
      sdkAppId: app.sdkAppId,
      identifier: app.adminIdentifiers[0],
      secretKey: app.secretKey,
      timeoutMs: 10_000,
    });
  }

  async kill(target: string): Promise<void> {
    if (target === 'nats-node') {
      const node = this.servers.nats.nodes[NATS_NODE];
      process.kill(node.pid, 'SIGKILL');
      await node.exited;
      return;
    }
    if (target === 'redis-primary') {
      const primary = await this.servers.redis.currentPrimary();
      const server = this.servers.redis.servers[primary];
      process.kill(server.pid, 'SIGKILL');
      await server.exited;
      // the outage lasts until the Sentinels promoted the replica
      await waitFor(async () => (await this.servers.redis.currentPrimary()) !== primary, {
        timeoutMs: 60_000,
        intervalMs: 100,
        message: 'the Sentinels promoting the Redis replica',
      });
      this.deadRedis = primary;
      return;
    }
    const proc = this.platform.services.get(target);
    if (!proc) throw new Error(`no process ${target}`);
    process.kill(proc.pid, 'SIGKILL');
    await proc.exited;
  }

  async restart(target: string): Promise<void> {
    if (target === 'nats-node') {
      await this.servers.nats.restart(NATS_NODE);
      return;
    }
    if (target === 'redis-primary') {
      if (this.deadRedis !== undefined) await this.servers.redis.restartServer(this.deadRedis);
      this.deadRedis = undefined;
      return;
    }
    await this.platform.restart(target);
  }

  async stop(): Promise<void> {
    await this.apps.close().catch(() => undefined);
    await this.platform.stop();
    await this.servers.stop();
  }
}
