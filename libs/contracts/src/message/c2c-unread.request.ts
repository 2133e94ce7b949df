import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';

import { IsUserId } from '../common';
import { MessageLimits } from './msg-element';

/** get_c2c_unread_msg_num: `userId`'s unread C2C messages, in total and for up to 10 peers. */
export class C2cUnreadRequest {
  @IsUserId()
  userId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MessageLimits.c2cUnreadMaxPeers)
  @IsString({ each: true })
  peerIds?: string[];
}
