import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { MessageLimits } from './msg-element';

/** Messages of a conversation the caller belongs to, from `fromSeq` on (or back from it). */
export class PullRequest {
  @IsString()
  convId!: string;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(1)
  fromSeq!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MessageLimits.pullMaxMessages)
  limit?: number;

  /** `asc` (default): fromSeq, fromSeq+1, ...; `desc`: fromSeq, fromSeq−1, ... (history). */
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
