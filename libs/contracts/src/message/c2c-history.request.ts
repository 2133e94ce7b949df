import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { IsUserId } from '../common';

/**
 * admin_getroammsg: a C2C conversation's messages from `userId`'s side with time in
 * [minTime, maxTime], newest first, in pages; continue with `maxTime` = the reply's
 * `lastTime` and `lastMsgKey` = its `lastMsgKey`.
 */
export class C2cHistoryRequest {
  @IsUserId()
  userId!: string;

  @IsUserId()
  peerId!: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  maxCount!: number;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  minTime!: number;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  maxTime!: number;

  @IsOptional()
  @IsString()
  lastMsgKey?: string;
}
