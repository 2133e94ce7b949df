import { rmSync } from 'node:fs';
import path from 'node:path';

import { Redis } from 'ioredis';
import WebSocket from 'ws';

import type { AppReply, ServerFrame } from '@im/contracts';
import { createLogger, NatsBus } from '@im/platform';
import { ImClient } from '@im/sdk';
import {
  createTempDir,
  LocalServers,
  PlatformApps,
  RunningPlatform,
  startLocalServers,
  startPlatform,
  waitFor,
} from '@im/testing';
import { signUserSig } from '@im/usersig';

/**
 * The gateway with what it needs, on servers of its own (ADR 0002): account and conn-gateway
 * as processes, plus a NATS client, a Redis client and the operator's app registry.
 */
export class GatewayHarness {
  private constructor(
    readonly dir: string,
    readonly servers: LocalServers,
    readonly platform: RunningPlatform,
    readonly apps: PlatformApps,
    readonly bus: NatsBus,
    readonly redis: Redis,
  ) {}

  static async start(
    gatewayEnv: Record<string, string> = {},
    options: { services?: string[]; gateways?: number } = {},
  ): Promise<GatewayHarness> {
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
        services: options.services ?? ['account', 'conn-gateway'],
        instances: { 'conn-gateway': options.gateways ?? 1 },
        logDir: path.join(dir, 'logs'),
        databaseName: (_s, db) => `${db}_conn_test`,
        logLevel: 'warn',
        extraEnv: { 'conn-gateway': gatewayEnv },
      });
      const bus = new NatsBus({
        servers: [servers.nats.url],
        name: 'conn-test',
        requestTimeoutMs: 5000,
        logger: createLogger('conn-test', 'conn-test', 'silent'),
      });
      await bus.connect();
      return new GatewayHarness(
        dir,
        servers,
        platform,
        await PlatformApps.connect(servers.nats.url),
        bus,
        new Redis(servers.redis.url),
      );
    } catch (err) {
      await servers.stop();
      throw err;
    }
  }

  get wsUrl(): string {
    return this.platform.wsUrl;
  }

  get opsUrl(): string {
    return this.platform.services.get('conn-gateway')!.opsUrl;
  }

  /** Every gateway process's WebSocket URL (several with `gateways`). */
  get wsUrls(): string[] {
    return this.platform.wsUrls;
  }

  userSig(
    app: AppReply,
    userId: string,
    options: { expireSeconds?: number; nowSeconds?: number } = {},
  ): string {
    return signUserSig({
      sdkAppId: app.sdkAppId,
      secretKey: app.secretKey,
      identifier: userId,
      expireSeconds: options.expireSeconds ?? 3600,
      nowSeconds: options.nowSeconds,
    });
  }

  /** An SDK client of `userId` (not connected yet). */
  client(
    app: AppReply,
    userId: string,
    platform: 'Web' | 'Android' | 'iPhone' | 'PC' = 'Web',
    url = this.wsUrl,
  ): ImClient {
    const client = new ImClient({
      url,
      sdkAppId: app.sdkAppId,
      userId,
      userSig: () => this.userSig(app, userId),
      platform,
      reconnect: false,
      requestTimeoutMs: 5000,
    });
    this.clients.push(client);
    return client;
  }

  /** A raw socket that records every frame it gets and its close code. */
  async raw(): Promise<RawSocket> {
    const socket = new WebSocket(this.wsUrl);
    const raw = new RawSocket(socket);
    this.raws.push(raw);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return raw;
  }

  private readonly clients: ImClient[] = [];
  private readonly raws: RawSocket[] = [];

  /** A guest client (receive-only in live rooms), connected. */
  async guest(app: AppReply, url = this.wsUrl): Promise<ImClient> {
    const client = new ImClient({ url, sdkAppId: app.sdkAppId, guest: true, reconnect: false });
    this.clients.push(client);
    await client.connect();
    return client;
  }

  async stop(): Promise<void> {
    for (const c of this.clients) await c.close().catch(() => undefined);
    for (const r of this.raws) r.socket.terminate();
    this.redis.disconnect();
    await this.bus.close();
    await this.apps.close();
    await this.platform.stop();
    await this.servers.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class RawSocket {
  readonly frames: ServerFrame[] = [];
  closeCode?: number;
  private seq = 0;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) =>
      this.frames.push(JSON.parse(data.toString()) as ServerFrame),
    );
    socket.on('close', (code) => (this.closeCode = code));
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a request and waits for its response frame. */
  async request(cmd: string, data: unknown = {}): Promise<Extract<ServerFrame, { op: 'res' }>> {
    const seq = ++this.seq;
    this.send({ op: 'req', seq, cmd, data });
    return waitFor(
      () =>
        this.frames.find(
          (f): f is Extract<ServerFrame, { op: 'res' }> => f.op === 'res' && f.seq === seq,
        ) ?? null,
    );
  }

  closed(): Promise<number> {
    return waitFor(() => this.closeCode ?? null, { timeoutMs: 8000 });
  }
}
