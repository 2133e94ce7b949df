import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { MessageLimits } from './msg-element';

/** The caller's conversations changed since `cursor` (0 = all). */
export class SyncRequest {
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  cursor!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /**
   * Also answer, on each changed conversation, its newest unread messages (after `readSeq`),
   * at most this many per conversation and `MessageLimits.syncInlineMaxMessages` /
   * `syncInlineMaxBytes` per answer. Absent: no messages (the answer of older clients).
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MessageLimits.syncInlineMaxPerConversation)
  withMessages?: number;
}
