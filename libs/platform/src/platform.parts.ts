import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import type { Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Pool } from 'pg';

import { AppRegistryCache } from './app-registry/app-registry.cache';
import type { AppRegistryOptions } from './app-registry/app-registry.cache';
import { BeforeCallbackClient } from './callbacks/before-callback.client';
import type { PlatformConfig } from './config/platform-config';
import type { PlatformLogger } from './logging/logger';
import type { NatsBus } from './nats/nats-bus';
import { RpcErrorFilter } from './nats/rpc-error.filter';
import { RpcMetricsInterceptor } from './nats/rpc-metrics.interceptor';
import type { ServiceErrorCodes } from './nats/service-error-codes';
import { createPayloadValidationPipe } from './nats/validation.pipe';
import { EventOutbox } from './outbox/event-outbox';
import { SERVICE_ERROR_CODES } from './platform.tokens';
import { PG_POOL } from './postgres/postgres.tokens';
import { REDIS } from './redis/redis.tokens';
import { redisConnectionOptions } from './redis/redis-connection';

/** Providers of one concern of the platform module, and those of them it exports. */
export interface PlatformPart {
  providers: Provider[];
  exports: (string | symbol | (abstract new (...args: never[]) => unknown))[];
}

/** The service's PostgreSQL pool and, when asked for, its transactional outbox. */
export function databasePart(
  config: PlatformConfig,
  logger: PlatformLogger,
  bus: NatsBus,
  outbox: boolean,
): PlatformPart | undefined {
  const db = config.db;
  if (!db) {
    if (outbox) throw new Error(`${config.service}: the outbox needs a database`);
    return undefined;
  }
  const part: PlatformPart = {
    providers: [
      {
        provide: PG_POOL,
        useFactory: () => {
          const pool = new Pool({
            connectionString: db.url,
            max: db.poolMax,
            connectionTimeoutMillis: 5000,
          });
          pool.on('error', (err) =>
            logger.warn({ err: err.message }, 'idle postgres client failed'),
          );
          // A client that is checked out (in a transaction, in the outbox relay) when the server
          // drops it emits 'error' too; without a listener that would crash the process.
          pool.on('connect', (client) =>
            client.on('error', (err) =>
              logger.warn({ err: err.message }, 'postgres connection lost'),
            ),
          );
          return pool;
        },
      },
    ],
    exports: [PG_POOL],
  };
  if (outbox) {
    part.providers.push({
      provide: EventOutbox,
      useFactory: (pool: Pool) => new EventOutbox(pool, bus, logger),
      inject: [PG_POOL],
    });
    part.exports.push(EventOutbox);
  }
  return part;
}

/** The app registry cache and the before-callback client that reads apps' callbacks from it. */
export function appRegistryPart(
  config: PlatformConfig,
  logger: PlatformLogger,
  bus: NatsBus,
  options: AppRegistryOptions | undefined,
): PlatformPart | undefined {
  if (!options) return undefined;
  const registry = new AppRegistryCache(bus, logger, {
    negativeTtlMs: 5000,
    maxEntries: 100_000,
    ...options,
    callerId: config.service,
  });
  const callbacks = new BeforeCallbackClient(bus, registry, logger, { callerId: config.service });
  return {
    providers: [
      { provide: AppRegistryCache, useValue: registry },
      { provide: BeforeCallbackClient, useValue: callbacks },
    ],
    exports: [AppRegistryCache, BeforeCallbackClient],
  };
}

export function redisPart(
  config: PlatformConfig,
  logger: PlatformLogger,
): PlatformPart | undefined {
  if (!config.redis) return undefined;
  const connection = redisConnectionOptions(config.redis);
  return {
    providers: [
      {
        provide: REDIS,
        useFactory: () => {
          const redis = new Redis({
            ...connection,
            maxRetriesPerRequest: 2,
            enableAutoPipelining: true,
            lazyConnect: false,
          });
          redis.on('error', (err: Error) =>
            logger.warn({ err: err.message }, 'redis connection trouble'),
          );
          return redis;
        },
      },
    ],
    exports: [REDIS],
  };
}

/** Payload validation, the error filter and metrics for every NATS handler of the app. */
export function rpcPipelinePart(
  errorCodes: ServiceErrorCodes,
  logger: PlatformLogger,
): PlatformPart {
  return {
    providers: [
      { provide: APP_PIPE, useValue: createPayloadValidationPipe(errorCodes.invalid) },
      { provide: APP_FILTER, useValue: new RpcErrorFilter(errorCodes, logger) },
      { provide: APP_INTERCEPTOR, useClass: RpcMetricsInterceptor },
      { provide: SERVICE_ERROR_CODES, useValue: errorCodes },
    ],
    exports: [SERVICE_ERROR_CODES],
  };
}
