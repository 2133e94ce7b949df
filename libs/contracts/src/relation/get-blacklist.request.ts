import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { IsUserId } from '../common';

/** black_list_get: a page from `startIndex` of at most `maxCount` (capped at 1000) entries. */
export class GetBlacklistRequest {
  @IsUserId()
  userId!: string;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  startIndex!: number;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(1)
  maxCount!: number;

  /** The sequence of the caller's copy (0 the first time); the page is returned whatever it is. */
  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  lastSequence?: number;
}
