import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { IsUserId } from '../common';

/**
 * Incremental pull (REL-28 a, AMB-30): what changed in `userId`'s friend table after
 * `sinceSequence` (0: everything), in pages of 100 from `startIndex`.
 */
export class SyncFriendsRequest {
  @IsUserId()
  userId!: string;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  sinceSequence!: number;

  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  startIndex?: number;
}
