import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

import { IsUserId } from '../common';
import { MessageLimits } from './msg-element';

/**
 * recentcontact/get_list: `userId`'s conversations by last message time, newest first. The
 * first page has `time` 0 and `index` 0; later pages pass the reply's cursor.
 */
export class ListConversationsRequest {
  @IsUserId()
  userId!: string;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  time!: number;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  index!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MessageLimits.conversationPageMax)
  limit?: number;

  /**
   * Pinned conversations first (AssistFlags bit 0), paged by their own cursor (`topTime`,
   * `topIndex`); `time` / `index` then page the unpinned ones. Without it one list of all.
   */
  @IsOptional()
  @IsBoolean()
  pinnedFirst?: boolean;

  @IsOptional()
  @IsInt()
  @Min(0)
  topTime?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  topIndex?: number;
}
