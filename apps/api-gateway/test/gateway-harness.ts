import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import type { AppReply } from '@im/contracts';
import { createLogger } from '@im/platform';
import { RestAdminClient } from '@im/sdk';
import type { RestEnvelope } from '@im/sdk';
import { signUserSig } from '@im/usersig';
import { findFreePort, PlatformApps, startLocalServers, startPlatform } from '@im/testing';
import type { LocalServers, RunningPlatform } from '@im/testing';

import { startApiGateway } from '../src/api-gateway.server';
import { loadApiGatewayConfig } from '../src/api-gateway.config';

export const ADMIN = 'administrator';
/** Small on purpose: the oversize-body cases stay cheap. */
export const BODY_LIMIT_BYTES = 4096;
/** Small on purpose: "backend unavailable" answers quickly. */
export const NATS_TIMEOUT_MS = 1000;

/**
 * One integration file's world: its own nats-server, redis-server and postgres (other files
 * start account instances too, and every instance on one NATS joins the queue group
 * `account`), the account service as a process from its build, and api-gateway in-process.
 */
export interface GatewayHarness {
  /** `http://127.0.0.1:<port>` of the /v4 API. */
  baseUrl: string;
  /** `http://127.0.0.1:<port>` of the gateway's /health, /ready, /metrics. */
  opsUrl: string;
  servers: LocalServers;
  platform: RunningPlatform;
  /** Operator actions (create, update, rotate key) over the harness NATS. */
  apps: PlatformApps;
  gateway: NestFastifyApplication;
  /** A new active app with the default admin `administrator` and a client signing for it. */
  createApp(): Promise<TestApp>;
  close(): Promise<void>;
}

export interface TestApp {
  app: AppReply;
  sdkAppId: number;
  client: RestAdminClient;
}

/** Starts everything; whatever did start is stopped again when a later step fails. */
export async function startGatewayHarness(
  env: Record<string, string> = {},
): Promise<GatewayHarness> {
  const baseDir = await mkdtemp(path.join(os.tmpdir(), 'im-gw-test-'));
  // As root, postgres runs as its own OS user and has to enter the folder.
  await chmod(baseDir, 0o755);
  const cleanups: (() => Promise<unknown>)[] = [
    () => rm(baseDir, { recursive: true, force: true }),
  ];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    const servers = await startLocalServers({ baseDir, persistent: false });
    cleanups.push(() => servers.stop());
    const infra = {
      natsUrl: servers.nats.url,
      redisUrl: servers.redis.url,
      postgresUrl: servers.postgres.url,
      credentials: servers.credentials,
    };
    const platform = await startPlatform({
      infra,
      services: ['account'],
      logDir: path.join(baseDir, 'logs'),
      logLevel: 'warn',
      databaseName: (_service, db) => `${db}_gw_test_${process.pid}`,
    });
    cleanups.push(() => platform.stop());
    const apps = await PlatformApps.connect(infra.natsUrl);
    cleanups.push(() => apps.close());

    const [port, opsPort] = [await findFreePort(), await findFreePort()];
    const config = loadApiGatewayConfig({
      NATS_URL: infra.natsUrl,
      REDIS_URL: infra.redisUrl,
      NODE_ID: `api-gateway-test-${process.pid}`,
      LOG_LEVEL: 'silent',
      NATS_REQUEST_TIMEOUT_MS: String(NATS_TIMEOUT_MS),
      API_GATEWAY_PORT: String(port),
      API_GATEWAY_OPS_PORT: String(opsPort),
      API_GATEWAY_BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
      ...env,
    });
    const logger = createLogger('api-gateway', config.nodeId, config.logLevel);
    const gateway = await startApiGateway(config, logger);
    cleanups.push(() => gateway.close());

    const baseUrl = `http://127.0.0.1:${port}`;
    return {
      baseUrl,
      opsUrl: `http://127.0.0.1:${opsPort}`,
      servers,
      platform,
      apps,
      gateway,
      createApp: async () => {
        const app = await apps.create();
        return { app, sdkAppId: app.sdkAppId, client: adminClient(baseUrl, app) };
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

export function adminClient(baseUrl: string, app: AppReply, identifier = ADMIN): RestAdminClient {
  return new RestAdminClient({
    baseUrl,
    sdkAppId: app.sdkAppId,
    identifier,
    secretKey: app.secretKey,
  });
}

/** A UserSig for `identifier`, signed with `secretKey` (claims may differ from the request). */
export function sign(
  sdkAppId: number,
  secretKey: string,
  identifier = ADMIN,
  options: { expireSeconds?: number; nowSeconds?: number } = {},
): string {
  return signUserSig({
    sdkAppId,
    secretKey,
    identifier,
    expireSeconds: options.expireSeconds ?? 3600,
    nowSeconds: options.nowSeconds,
  });
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The parsed body (an envelope when the gateway answered as it should). */
  body: RestEnvelope;
}

export interface RawRequest {
  method?: string;
  /** Query parameters as given (names and order kept); undefined values are left out. */
  query?: Record<string, string | undefined>;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** A plain HTTP request to `path` (for what RestAdminClient cannot send). */
export async function request(
  baseUrl: string,
  urlPath: string,
  req: RawRequest = {},
): Promise<HttpAnswer> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query ?? {}))
    if (value !== undefined) query.append(key, value);
  const qs = query.toString();
  const res = await fetch(`${baseUrl}${urlPath}${qs ? `?${qs}` : ''}`, {
    method: req.method ?? 'POST',
    headers: req.headers,
    body: req.body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let body: RestEnvelope;
  try {
    body = JSON.parse(text) as RestEnvelope;
  } catch {
    throw new Error(`${urlPath}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, headers: res.headers, body };
}

/** The five query parameters of a call by `app`'s admin, with overrides. */
export function adminQuery(
  app: AppReply,
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    sdkappid: String(app.sdkAppId),
    identifier: ADMIN,
    usersig: sign(app.sdkAppId, app.secretKey),
    random: '12345',
    contenttype: 'json',
    ...overrides,
  };
}

/** ActionStatus and ErrorCode agree (docs/rest-api.md §1.3); returns the code. */
export function codeOf(envelope: RestEnvelope): number {
  expect(envelope).toEqual(
    expect.objectContaining({
      ActionStatus: envelope.ErrorCode === 0 ? 'OK' : 'FAIL',
      ErrorCode: expect.any(Number),
      ErrorInfo: expect.any(String),
    }),
  );
  if (envelope.ErrorCode === 0) expect(envelope.ErrorInfo).toBe('');
  else expect(envelope.ErrorInfo).not.toBe('');
  return envelope.ErrorCode;
}
