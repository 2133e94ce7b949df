import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
  Optional,
  Provider,
} from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { Redis } from 'ioredis';
import { Pool } from 'pg';

import type { PlatformConfig } from './config/platform-config';
import type { PlatformLogger } from './logging/logger';
import { NatsBus, StreamSpec } from './nats/nats-bus';
import { RpcErrorFilter } from './nats/rpc-error.filter';
import { RpcMetricsInterceptor } from './nats/rpc-metrics.interceptor';
import type { ServiceErrorCodes } from './nats/service-error-codes';
import { createPayloadValidationPipe } from './nats/validation.pipe';
import { EventOutbox } from './outbox/event-outbox';
import { OpsServer } from './ops/ops-server';
import { PlatformMetrics } from './ops/platform-metrics';
import { PLATFORM_CONFIG, PLATFORM_LOGGER } from './platform.tokens';
import { ensureDatabase, runMigrations } from './postgres/migrator';
import { PG_POOL } from './postgres/postgres.tokens';
import { REDIS } from './redis/redis.tokens';

export interface PlatformModuleOptions {
  config: PlatformConfig;
  logger: PlatformLogger;
  /** Codes for invalid payloads, unavailable dependencies and internal errors. */
  errorCodes: ServiceErrorCodes;
  /** JetStream streams this service owns (created or updated at start). */
  streams?: StreamSpec[];
  /**
   * Register the NATS-handler pipeline (payload validation, error filter, metrics) for the
   * whole app. True for NATS services; HTTP edges set false and bring their own.
   */
  rpcPipeline?: boolean;
  /**
   * Publish events through a transactional outbox (table `outbox_events` in the service's
   * database, created by its migrations with OUTBOX_TABLE_DDL). Needs `config.db`.
   */
  outbox?: boolean;
}

/**
 * Brings a service's infrastructure up and down in order: ops server first (so `/health`
 * answers while dependencies come up), then NATS, streams, the database (created when
 * missing, migrated) and Redis; on shutdown the reverse.
 */
@Injectable()
class PlatformLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
    @Inject('PLATFORM_STREAMS') private readonly streams: StreamSpec[],
    private readonly bus: NatsBus,
    private readonly ops: OpsServer,
    @Optional() @Inject(PG_POOL) private readonly pool?: Pool,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
    @Optional() private readonly outbox?: EventOutbox,
  ) {}

  async onModuleInit(): Promise<void> {
    this.ops.addCheck({ name: 'nats', check: () => this.bus.ping() });
    const pool = this.pool;
    if (pool)
      this.ops.addCheck({
        name: 'postgres',
        check: async () => void (await pool.query('SELECT 1')),
      });
    const redis = this.redis;
    if (redis) this.ops.addCheck({ name: 'redis', check: async () => void (await redis.ping()) });
    await this.ops.listen(this.config.ops.port, this.config.ops.host);

    await this.bus.connect();
    for (const stream of this.streams) {
      await this.bus.ensureStream({
        ...stream,
        replicas: stream.replicas ?? this.config.nats.streamReplicas,
      });
    }
    const db = this.config.db;
    if (db?.migrateOnStart) {
      await ensureDatabase(db.url).catch((err: Error) =>
        this.logger.warn(
          { err: err.message },
          'could not check or create the database; assuming it exists',
        ),
      );
      const result = await runMigrations({
        databaseUrl: db.url,
        migrationsDir: db.migrationsDir,
        logger: this.logger,
      });
      this.logger.info(
        { applied: result.applied.length, alreadyApplied: result.alreadyApplied },
        'database migrated',
      );
    }
    this.outbox?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ops.close();
    await this.outbox?.stop();
    await this.bus.close();
    await this.pool?.end().catch(() => undefined);
    if (this.redis && this.redis.status !== 'end')
      await this.redis.quit().catch(() => this.redis?.disconnect());
    this.logger.info('stopped');
  }
}

@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    const { config, logger } = options;
    const metrics = new PlatformMetrics(config.service);
    const providers: Provider[] = [
      { provide: PLATFORM_CONFIG, useValue: config },
      { provide: PLATFORM_LOGGER, useValue: logger },
      { provide: 'PLATFORM_STREAMS', useValue: options.streams ?? [] },
      { provide: PlatformMetrics, useValue: metrics },
      {
        provide: NatsBus,
        useValue: new NatsBus({
          servers: config.nats.servers,
          name: config.nodeId,
          requestTimeoutMs: config.nats.requestTimeoutMs,
          logger,
          metrics,
        }),
      },
      { provide: OpsServer, useValue: new OpsServer(config.service, metrics, logger) },
      PlatformLifecycle,
    ];
    const exported: (string | symbol | (abstract new (...args: never[]) => unknown))[] = [
      PLATFORM_CONFIG,
      PLATFORM_LOGGER,
      PlatformMetrics,
      NatsBus,
      OpsServer,
    ];
    if (config.db) {
      const db = config.db;
      providers.push({
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
      });
      exported.push(PG_POOL);
      if (options.outbox) {
        providers.push({
          provide: EventOutbox,
          useFactory: (pool: Pool, bus: NatsBus) => new EventOutbox(pool, bus, logger),
          inject: [PG_POOL, NatsBus],
        });
        exported.push(EventOutbox);
      }
    } else if (options.outbox) {
      throw new Error(`${config.service}: the outbox needs a database`);
    }
    if (config.redis) {
      const url = config.redis.url;
      providers.push({
        provide: REDIS,
        useFactory: () => {
          const redis = new Redis(url, {
            maxRetriesPerRequest: 2,
            enableAutoPipelining: true,
            lazyConnect: false,
          });
          redis.on('error', (err: Error) =>
            logger.warn({ err: err.message }, 'redis connection trouble'),
          );
          return redis;
        },
      });
      exported.push(REDIS);
    }
    if (options.rpcPipeline !== false) {
      providers.push(
        { provide: APP_PIPE, useValue: createPayloadValidationPipe(options.errorCodes.invalid) },
        { provide: APP_FILTER, useValue: new RpcErrorFilter(options.errorCodes, logger) },
        { provide: APP_INTERCEPTOR, useClass: RpcMetricsInterceptor },
      );
    }
    return { module: PlatformModule, providers, exports: exported, global: true };
  }
}
