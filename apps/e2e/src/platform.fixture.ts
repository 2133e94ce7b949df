import path from 'node:path';

import type { AppReply } from '@im/contracts';
import { RestAdminClient } from '@im/sdk';
import {
  createTempDir,
  LocalServers,
  PlatformApps,
  RunningPlatform,
  startLocalServers,
  startPlatform,
} from '@im/testing';

import { removeKeepingLogsIfFailed } from './failed-run';

/**
 * A whole platform for one test file: its own nats-server, redis-server and postgres (so no
 * other file's services answer its requests) and every built service as a process.
 */
export class PlatformFixture {
  private constructor(
    readonly dir: string,
    readonly servers: LocalServers,
    readonly platform: RunningPlatform,
    readonly apps: PlatformApps,
  ) {}

  static async start(
    options: {
      extraEnv?: Record<string, Record<string, string>>;
      /** The services to start (default: every built one). */
      services?: readonly string[];
    } = {},
  ): Promise<PlatformFixture> {
    const dir = await createTempDir();
    const servers = await startLocalServers({ baseDir: dir, persistent: false });
    try {
      const platform = await startPlatform({
        infra: {
          natsUrl: servers.nats.url,
          redisUrl: servers.redis.url,
          postgresUrl: servers.postgres.url,
          credentials: servers.credentials,
        },
        services: options.services,
        logDir: path.join(dir, 'logs'),
        databaseName: (_service, database) => `${database}_e2e_test`,
        logLevel: 'warn',
        extraEnv: options.extraEnv,
      });
      return new PlatformFixture(
        dir,
        servers,
        platform,
        await PlatformApps.connect(servers.nats.url),
      );
    } catch (err) {
      await servers.stop();
      throw err;
    }
  }

  get restUrl(): string {
    return this.platform.restUrl;
  }

  /** A REST client for an app's admin, signing with the app's key. */
  admin(app: AppReply): RestAdminClient {
    return new RestAdminClient({
      baseUrl: this.restUrl,
      sdkAppId: app.sdkAppId,
      identifier: app.adminIdentifiers[0],
      secretKey: app.secretKey,
    });
  }

  async stop(): Promise<void> {
    await this.apps.close();
    await this.platform.stop();
    await this.servers.stop();
    removeKeepingLogsIfFailed(this.dir, expect.getState().testPath ?? 'PlatformFixture');
  }
}
