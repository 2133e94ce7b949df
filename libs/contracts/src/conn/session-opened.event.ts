import { IsArray, IsIn, IsString } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';
import { Platforms } from '../presence';
import type { Platform } from '../presence';

/** A user logged in on a gateway (callback `State.StateChange` Login, statistics). */
export class SessionOpenedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsIn(Platforms)
  platform!: Platform;

  @IsString()
  connId!: string;

  @IsString()
  nodeId!: string;

  /** Platforms whose older sessions this login ended (multi-login policy). */
  @IsArray()
  @IsIn(Platforms, { each: true })
  kickedPlatforms!: Platform[];
}
