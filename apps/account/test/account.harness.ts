// Helpers of the account integration specs: start the service in-process, drive it over NATS
// as a given caller, record the events it publishes.
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { INestMicroservice } from '@nestjs/common';
import { AccountRpc } from '@im/contracts';
import type { AppReply, CallerRole, CreateAppRequest } from '@im/contracts';
import { createLogger, NatsBus, startMicroservice } from '@im/platform';
import type { RequestOptions } from '@im/platform';
import { findFreePort } from '@im/testing';

export { EventRecorder } from '@im/testing';

import { loadAccountConfig } from '../src/account.config';
import { AccountModule } from '../src/account.module';

export interface AccountServiceUrls {
  natsUrl: string;
  redisUrl: string;
  databaseUrl: string;
}

export interface StartedAccountService {
  app: INestMicroservice;
  opsPort: number;
}

/** Starts the account service in this process (migrates its database on start). */
export async function startAccountService(
  urls: AccountServiceUrls,
): Promise<StartedAccountService> {
  const opsPort = await findFreePort();
  const config = loadAccountConfig({
    NATS_URL: urls.natsUrl,
    REDIS_URL: urls.redisUrl,
    ACCOUNT_DATABASE_URL: urls.databaseUrl,
    ACCOUNT_OPS_PORT: String(opsPort),
    LOG_LEVEL: 'silent',
    NODE_ID: `account-test-${process.pid}`,
  });
  const logger = createLogger('account', config.nodeId, 'silent');
  const app = await startMicroservice(AccountModule.forRoot(config, logger), { config, logger });
  return { app, opsPort };
}

/** A NATS client to drive the service with, as the tests' own identity. */
export async function connectTestBus(natsUrl: string): Promise<NatsBus> {
  const bus = new NatsBus({
    servers: [natsUrl],
    name: `account-test-client-${process.pid}`,
    requestTimeoutMs: 5000,
    logger: createLogger('account-test', 'client', 'silent'),
  });
  await bus.connect();
  return bus;
}

/** Request options of a caller of one app (the REST edge sends `admin`, conn-gateway `user`). */
export function as(
  sdkAppId: number,
  role: CallerRole = 'admin',
  callerId = 'administrator',
): RequestOptions {
  return { context: { sdkAppId, role, callerId } };
}

/** Request options of the platform operator (not bound to an app). */
export const asOperator: RequestOptions = { context: { role: 'operator', callerId: 'operator' } };

/** Creates an app as the operator; each test takes a fresh one, so tests share no state. */
export function createApp(bus: NatsBus, req: Partial<CreateAppRequest> = {}): Promise<AppReply> {
  return bus.request(AccountRpc.CreateApp, { name: 'account-test', ...req }, asOperator);
}

/** A fresh temp dir postgres can enter (as root it runs as the `postgres` OS user). */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}
