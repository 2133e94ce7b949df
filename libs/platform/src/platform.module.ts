import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

import { AppRegistryCache } from './app-registry/app-registry.cache';
import type { AppRegistryOptions } from './app-registry/app-registry.cache';
import type { PlatformConfig } from './config/platform-config';
import type { PlatformLogger } from './logging/logger';
import { NatsBus, StreamSpec } from './nats/nats-bus';
import type { ServiceErrorCodes } from './nats/service-error-codes';
import { EventOutbox } from './outbox/event-outbox';
import { OpsServer } from './ops/ops-server';
import { PlatformMetrics } from './ops/platform-metrics';
import { appRegistryPart, databasePart, rpcPipelinePart, redisPart } from './platform.parts';
import type { PlatformPart } from './platform.parts';
import { PLATFORM_CONFIG, PLATFORM_LOGGER } from './platform.tokens';
import { ensureDatabase, runMigrations } from './postgres/migrator';
import { PG_POOL } from './postgres/postgres.tokens';
import { REDIS } from './redis/redis.tokens';

export interface PlatformModuleOptions {
  config: PlatformConfig;
  logger: PlatformLogger;
  /**
   * A NATS service's codes for invalid payloads, unavailable dependencies and internal
   * errors; given, the NATS-handler pipeline (payload validation, error filter, metrics) is
   * registered for the whole app. HTTP and WebSocket edges leave it out and bring their own.
   */
  errorCodes?: ServiceErrorCodes;
  /** JetStream streams this service owns (created or updated at start). */
  streams?: StreamSpec[];
  /**
   * Publish events through a transactional outbox (table `outbox_events` in the service's
   * database, created by its migrations with OUTBOX_TABLE_DDL). Needs `config.db`.
   */
  outbox?: boolean;
  /**
   * Read apps' keys and settings from the account service's registry: provides an
   * `AppRegistryCache` (started and stopped with the service) and a `BeforeCallbackClient`
   * reading the apps' callback settings from it.
   */
  appRegistry?: AppRegistryOptions;
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
    @Optional() private readonly appRegistry?: AppRegistryCache,
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
    this.appRegistry?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ops.close();
    this.appRegistry?.stop();
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
    const bus = new NatsBus({
      servers: config.nats.servers,
      name: config.nodeId,
      service: config.service,
      requestTimeoutMs: config.nats.requestTimeoutMs,
      maxPendingPerService: config.nats.maxPendingPerService,
      logger,
      metrics,
    });
    const core: PlatformPart = {
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: PLATFORM_LOGGER, useValue: logger },
        { provide: 'PLATFORM_STREAMS', useValue: options.streams ?? [] },
        { provide: PlatformMetrics, useValue: metrics },
        { provide: NatsBus, useValue: bus },
        { provide: OpsServer, useValue: new OpsServer(config.service, metrics, logger) },
        PlatformLifecycle,
      ],
      exports: [PLATFORM_CONFIG, PLATFORM_LOGGER, PlatformMetrics, NatsBus, OpsServer],
    };
    const parts = [
      core,
      databasePart(config, logger, bus, options.outbox ?? false),
      appRegistryPart(config, logger, bus, options.appRegistry),
      redisPart(config, logger),
      options.errorCodes && rpcPipelinePart(options.errorCodes, logger),
    ].filter((part) => part !== undefined);
    return {
      module: PlatformModule,
      providers: parts.flatMap((part) => part.providers),
      exports: parts.flatMap((part) => part.exports),
      global: true,
    };
  }
}
