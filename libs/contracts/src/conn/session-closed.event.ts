import { IsIn, IsString } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';
import { Platforms } from '../presence';
import type { Platform } from '../presence';

export const SessionCloseReasons = [
  'logout',
  'link-closed',
  'timeout',
  'kicked',
  'shutdown',
] as const;
export type SessionCloseReason = (typeof SessionCloseReasons)[number];

/** A user's session ended (callback `State.StateChange` Logout/Disconnect, statistics). */
export class SessionClosedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsIn(Platforms)
  platform!: Platform;

  @IsString()
  connId!: string;

  @IsString()
  nodeId!: string;

  @IsIn(SessionCloseReasons)
  reason!: SessionCloseReason;
}
