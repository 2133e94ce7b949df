import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { IsUserId } from '../common';

/** admin_set_msg_read: `userId` has read its conversation with `peerId` up to `readTime` (default now). */
export class SetC2cReadRequest {
  @IsUserId()
  userId!: string;

  @IsUserId()
  peerId!: string;

  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  readTime?: number;
}
