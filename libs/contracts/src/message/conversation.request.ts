import { IsBoolean, IsOptional, IsString } from 'class-validator';

import { IsUserId } from '../common';

/** One conversation of the caller. */
export class ConversationRequest {
  @IsString()
  convId!: string;

  /** The user whose conversation it is: the App admin acts for a user (recentcontact/delete). */
  @IsOptional()
  @IsUserId()
  userId?: string;

  /** Also hide the conversation's history from that user (`ClearRamble`). */
  @IsOptional()
  @IsBoolean()
  clearHistory?: boolean;
}
