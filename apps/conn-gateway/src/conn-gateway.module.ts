import { DynamicModule, Module } from '@nestjs/common';

import { EventStreams } from '@im/contracts';
import { PLATFORM_CONFIG, PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { ConnGatewayConfig } from './conn-gateway.config';
import { DeliveryConsumer } from './delivery/delivery.consumer';
import { SessionLifecycle } from './lifecycle/session-lifecycle.service';
import { RoomRegistry } from './room/room-registry.store';
import { RoomService } from './room/room.service';
import { LoginService } from './session/login.service';
import { PresenceWriter } from './session/presence.store';
import { SessionRegistry } from './session/session-registry.store';
import { AddressLimits } from './ws/address-limits.store';
import { FrameHandler } from './ws/frame.handler';
import { WsServer } from './ws/ws.server';

@Module({})
export class ConnGatewayModule {
  static forRoot(config: ConnGatewayConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: ConnGatewayModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          streams: [EventStreams.conn],
          appRegistry: { ttlMs: config.credentialsTtlMs },
        }),
      ],
      providers: [
        {
          provide: AddressLimits,
          inject: [PLATFORM_CONFIG],
          useFactory: (c: ConnGatewayConfig) =>
            new AddressLimits({
              connectionsPerAddress: c.ws.maxConnectionsPerAddress,
              guestsPerAddress: c.ws.maxGuestsPerAddress,
            }),
        },
        SessionRegistry,
        PresenceWriter,
        LoginService,
        RoomRegistry,
        RoomService,
        FrameHandler,
        SessionLifecycle,
        DeliveryConsumer,
        WsServer,
      ],
    };
  }
}
