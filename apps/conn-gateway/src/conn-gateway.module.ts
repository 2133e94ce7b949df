import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';

import { ErrorCode, EventStreams } from '@im/contracts';
import { AppCredentialsCache, NatsBus, PLATFORM_LOGGER, PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { ConnGatewayConfig } from './conn-gateway.config';
import { CREDENTIALS_CACHE } from './conn-gateway.tokens';
import { DeliveryListener } from './delivery/delivery.listener';
import { SessionLifecycle } from './lifecycle/session-lifecycle.service';
import { RoomRegistry } from './room/room-registry';
import { RoomService } from './room/room.service';
import { LoginService } from './session/login.service';
import { PresenceWriter } from './session/presence.writer';
import { SessionRegistry } from './session/session-registry';
import { FrameHandler } from './ws/frame-handler';
import { WsServer } from './ws/ws-server';

@Injectable()
class CredentialsCacheLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(CREDENTIALS_CACHE) private readonly cache: AppCredentialsCache) {}
  onApplicationBootstrap(): void {
    this.cache.start();
  }
  onApplicationShutdown(): void {
    this.cache.stop();
  }
}

@Module({})
export class ConnGatewayModule {
  static forRoot(config: ConnGatewayConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: ConnGatewayModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          rpcPipeline: false,
          errorCodes: {
            invalid: ErrorCode.HttpParseFailed,
            unavailable: ErrorCode.RequestTimedOut,
            internal: ErrorCode.RequestTimedOut,
          },
          streams: [EventStreams.conn],
        }),
      ],
      providers: [
        {
          provide: CREDENTIALS_CACHE,
          useFactory: (bus: NatsBus, log: PlatformLogger) =>
            new AppCredentialsCache(bus, log, {
              ttlMs: config.credentialsTtlMs,
              negativeTtlMs: 5000,
              maxEntries: 100_000,
              callerId: config.service,
            }),
          inject: [NatsBus, PLATFORM_LOGGER],
        },
        CredentialsCacheLifecycle,
        SessionRegistry,
        PresenceWriter,
        LoginService,
        RoomRegistry,
        RoomService,
        FrameHandler,
        SessionLifecycle,
        DeliveryListener,
        WsServer,
      ],
    };
  }
}
