import { IsInt, IsOptional, Min } from 'class-validator';

import { IsUserId } from '../common';

/**
 * Incremental pull (REL-28 a, AMB-30): what changed in `userId`'s friend table after
 * `sinceSequence` (0: everything), in pages of 100 from `startIndex`.
 */
export class SyncFriendsRequest {
  @IsUserId()
  userId!: string;

  @IsInt()
  @Min(0)
  sinceSequence!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  startIndex?: number;
}
