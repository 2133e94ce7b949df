import { DynamicModule, INestApplicationContext, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { ConfigError } from './config/env';
import type { PlatformConfig } from './config/platform-config';
import { createLogger, PinoNestLogger, PlatformLogger } from './logging/logger';
import { natsConnectionOptions } from './nats/nats-url';
import { PlatformNatsServer } from './nats/platform-nats.server';
import type { ServiceErrorCodes } from './nats/service-error-codes';
import { OpsServer } from './ops/ops-server';
import { PlatformMetrics } from './ops/platform-metrics';
import { SERVICE_ERROR_CODES } from './platform.tokens';
import { ensureDatabase, runMigrations } from './postgres/migrator';
import { memoizeValidationMetadata } from './validation/validation-metadata';

export interface StartMicroserviceOptions {
  config: PlatformConfig;
  logger: PlatformLogger;
}

/**
 * Starts a NATS service: Nest microservice on the platform's NATS server, every handler in the
 * service's queue group (several instances share the load).
 */
export async function startMicroservice(
  module: DynamicModule,
  { config, logger }: StartMicroserviceOptions,
): Promise<INestMicroservice> {
  const strategy = new PlatformNatsServer(
    { ...natsConnectionOptions(config.nats.servers), name: config.nodeId, queue: config.service },
    {
      maxInFlight: config.nats.maxInFlight,
      maxQueued: config.nats.maxQueued,
      maxWaitMs: config.nats.maxQueueWaitMs,
    },
  );
  const app = await NestFactory.createMicroservice(module, {
    strategy,
    logger: new PinoNestLogger(logger),
  });
  const metrics = metricsOf(app);
  const codes = errorCodesOf(app);
  if (codes) strategy.replyTooLargeCode = codes.invalid;
  strategy.onDropped = (subject, reason) => {
    metrics?.rpcHandled.inc({ subject, kind: 'request', outcome: reason });
    logger.debug(
      { subject, reason },
      reason === 'expired'
        ? 'request dropped: its deadline had passed'
        : 'request answered busy: more offered than the service does',
    );
  };
  await app.listen();
  // subscribed on the server (a NATS round trip after Nest bound the handlers): /ready may say so
  await strategy.flushSubscriptions();
  markStarted(app);
  logger.info({ queue: config.service, opsPort: app.get(OpsServer).port }, 'service started');
  return app;
}

/** The service's error codes, when its module answers RPCs. */
function errorCodesOf(app: INestMicroservice): ServiceErrorCodes | undefined {
  try {
    return app.get<ServiceErrorCodes>(SERVICE_ERROR_CODES, { strict: false });
  } catch {
    return undefined;
  }
}

/** The service's metrics, when its module provides them (every PlatformModule does). */
function metricsOf(app: INestMicroservice): PlatformMetrics | undefined {
  try {
    return app.get(PlatformMetrics, { strict: false });
  } catch {
    return undefined;
  }
}

/** Applies a service's migrations (creating its database when missing) and returns. */
export async function migrateOnly(config: PlatformConfig, logger: PlatformLogger): Promise<void> {
  if (!config.db) return;
  await ensureDatabase(config.db.url);
  const result = await runMigrations({
    databaseUrl: config.db.url,
    migrationsDir: config.db.migrationsDir,
    logger,
  });
  logger.info(
    { applied: result.applied, alreadyApplied: result.alreadyApplied },
    'migrations done',
  );
}

export interface ServiceMainOptions<C extends PlatformConfig> {
  loadConfig: () => C;
  start: (config: C, logger: PlatformLogger) => Promise<INestApplicationContext>;
}

/**
 * The body of every service's `main.ts`: load and validate config (printing every bad
 * variable), `migrate` as first argument only migrates, otherwise start; stop cleanly on
 * SIGINT/SIGTERM or when the parent launcher goes away; exit 1 on a fatal error.
 */
export function serviceMain<C extends PlatformConfig>(options: ServiceMainOptions<C>): void {
  const config = loadConfigOrExit(options.loadConfig);
  const logger = createLogger(config.service, config.nodeId, config.logLevel);
  memoizeValidationMetadata();
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    logger.error({ err }, 'unhandled promise rejection');
  });

  if (process.argv[2] === 'migrate') {
    migrateOnly(config, logger).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.fatal({ err }, 'migration failed');
        process.exit(1);
      },
    );
    return;
  }
  startUntilStopped(config, logger, options.start);
}

/** The config, or exit 78 (EX_CONFIG) printing every bad variable. */
function loadConfigOrExit<C>(loadConfig: () => C): C {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}

/** Starts the service; closes it on SIGINT/SIGTERM or when the launcher goes (10 s at most). */
function startUntilStopped<C extends PlatformConfig>(
  config: C,
  logger: PlatformLogger,
  start: ServiceMainOptions<C>['start'],
): void {
  let app: INestApplicationContext | undefined;
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    Promise.resolve(app?.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Started by the local launcher with an IPC channel: stop when the launcher is gone.
  if (process.send) process.on('disconnect', () => stop('launcher gone'));

  start(config, logger).then(
    (started) => {
      app = started;
      if (stopping) void started.close();
      else markStarted(started);
    },
    (err: unknown) => {
      logger.fatal({ err }, 'failed to start');
      process.exit(1);
    },
  );
}

/**
 * Tells the ops server the service is up, so `/ready` may say so (no-op without one). Done by
 * `serviceMain` and `startMicroservice`; a service started another way calls it once it serves.
 */
export function markStarted(app: INestApplicationContext): void {
  try {
    app.get(OpsServer, { strict: false }).markStarted();
  } catch {
    // a module without the platform's ops server
  }
}
