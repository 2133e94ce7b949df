import { IsInt, IsOptional, Min } from 'class-validator';

import { IsUserId } from '../common';

/** admin_set_msg_read: `userId` has read its conversation with `peerId` up to `readTime` (default now). */
export class SetC2cReadRequest {
  @IsUserId()
  userId!: string;

  @IsUserId()
  peerId!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  readTime?: number;
}
