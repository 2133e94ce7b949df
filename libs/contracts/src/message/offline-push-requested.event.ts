import { IsArray, IsObject, IsOptional } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';
import type { ChatMessage } from './chat-message';

/** Recipients of a message had no online session: the push service may notify their devices. */
export class OfflinePushRequestedEvent extends EventEnvelope {
  @IsArray()
  @IsUserId({ each: true })
  userIds!: string[];

  @IsObject()
  message!: ChatMessage;

  @IsOptional()
  @IsObject()
  offlinePush?: Record<string, unknown>;
}
