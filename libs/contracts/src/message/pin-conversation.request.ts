import { IsBoolean, IsOptional, IsString } from 'class-validator';

import { IsUserId } from '../common';

/**
 * Pins a conversation to the top of its user's list, or unpins it (client command `conv.pin`;
 * at most `MessageLimits.pinnedConversationsMax` pinned per user).
 */
export class PinConversationRequest {
  @IsString()
  convId!: string;

  @IsBoolean()
  isPinned!: boolean;

  /** The user whose conversation it is, when the App admin or a service acts for a user. */
  @IsOptional()
  @IsUserId()
  userId?: string;
}
