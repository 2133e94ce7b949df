import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import { PG_POOL, PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { AfterCallbackConsumer } from './after-callback.consumer';
import { AfterCallbackDeliverer } from './after-callback-delivery.task';
import type { CallbackDispatcherConfig } from './callback-dispatcher.config';
import { CallbackDispatcherHandler } from './callback-dispatcher.handler';
import { CallbackDispatcherRepository } from './callback-dispatcher.repository';
import { callbackDispatcherSchema } from './callback-dispatcher.schema';
import { CallbackDispatcherService } from './callback-dispatcher.service';
import {
  CALLBACK_DISPATCHER_DB,
  CALLBACK_HTTP,
  CALLBACK_TUNING,
} from './callback-dispatcher.tokens';
import { CallbackHttpClient } from './callback-http.client';
import { CallbackSettingsReader } from './callback-settings.reader';
import { CallbackTallyTask } from './callback-tally.task';
import { EgressIpsService } from './egress-ips.service';
import { ProfileClient } from './profile.client';
import { RobotsClient } from './robots.client';
import { CallbackMetrics } from './callback.metrics';

@Module({})
export class CallbackDispatcherModule {
  static forRoot(config: CallbackDispatcherConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: CallbackDispatcherModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          errorCodes: {
            invalid: ErrorCode.HttpParseFailed,
            unavailable: ErrorCode.RequestTimedOut,
            // "check that the callback server answers properly" (docs/error-codes.md).
            internal: ErrorCode.OpenimInternalCallbackError,
          },
          streams: [EventStreams.callbackDispatcher],
          outbox: true,
          appRegistry: config.appRegistry,
        }),
      ],
      controllers: [CallbackDispatcherHandler],
      providers: [
        {
          provide: CALLBACK_DISPATCHER_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: callbackDispatcherSchema }),
          inject: [PG_POOL],
        },
        { provide: CALLBACK_TUNING, useValue: config.callbacks },
        {
          provide: CALLBACK_HTTP,
          useFactory: (tally: CallbackTallyTask) =>
            new CallbackHttpClient({
              maxSocketsPerApp: config.callbacks.maxSocketsPerApp,
              responseMaxBytes: config.callbacks.responseMaxBytes,
              observe: (sdkAppId, result) => tally.note(sdkAppId, result),
            }),
          inject: [CallbackTallyTask],
        },
        CallbackTallyTask,
        EgressIpsService,
        CallbackMetrics,
        CallbackSettingsReader,
        CallbackDispatcherRepository,
        AfterCallbackDeliverer,
        AfterCallbackConsumer,
        CallbackDispatcherService,
        ProfileClient,
        RobotsClient,
      ],
    };
  }
}
