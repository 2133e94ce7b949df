// Helpers of the account integration specs: start the service in-process, drive it over NATS
// as a given caller, record the events it publishes.
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { INestMicroservice } from '@nestjs/common';
import type { Msg, NatsConnection, Subscription } from 'nats';

import { AccountRpc } from '@im/contracts';
import type { AppReply, CallerRole, CreateAppRequest, EventOf, EventSubject } from '@im/contracts';
import { createLogger, NatsBus, startMicroservice } from '@im/platform';
import type { RequestOptions } from '@im/platform';
import { findFreePort, waitFor } from '@im/testing';

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

export interface RecordedEvent<S extends EventSubject = EventSubject> {
  subject: S;
  event: EventOf<S>;
}

/**
 * Every message published under `account.evt.>` from the moment it is started (a plain
 * subscription sees JetStream publishes too), decoded from the Nest packet `{ pattern, data }`.
 */
export class EventRecorder {
  readonly events: RecordedEvent[] = [];
  private readonly subscription: Subscription;

  private constructor(nc: NatsConnection) {
    this.subscription = nc.subscribe('account.evt.>', {
      callback: (err, msg: Msg) => {
        if (err) return;
        const packet = JSON.parse(new TextDecoder().decode(msg.data)) as { data: unknown };
        this.events.push({ subject: msg.subject as EventSubject, event: packet.data as never });
      },
    });
  }

  /** Starts recording; resolves once the server has the subscription. */
  static async start(nc: NatsConnection): Promise<EventRecorder> {
    const recorder = new EventRecorder(nc);
    await nc.flush();
    return recorder;
  }

  /** The events of one subject and app received so far. */
  of<S extends EventSubject>(subject: S, sdkAppId: number): EventOf<S>[] {
    return this.events
      .filter((e) => e.subject === subject && e.event.sdkAppId === sdkAppId)
      .map((e) => e.event as EventOf<S>);
  }

  /** Waits until an event of the subject and app arrived that matches `predicate`. */
  next<S extends EventSubject>(
    subject: S,
    sdkAppId: number,
    predicate: (event: EventOf<S>) => boolean = () => true,
  ): Promise<EventOf<S>> {
    return waitFor(() => this.of(subject, sdkAppId).find(predicate) ?? null, {
      timeoutMs: 5000,
      message: `event ${subject} of app ${sdkAppId}`,
    });
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/** A fresh temp dir postgres can enter (as root it runs as the `postgres` OS user). */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}
