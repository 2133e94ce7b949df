import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { IsUserId } from '../common';
import { MessageLimits } from './msg-element';

/**
 * openim/delete_c2c_msg_ramble: C2C messages of `userId` with `peerId`, by MsgKey, leave
 * `userId`'s roaming only (the peer still sees them).
 */
export class DeleteC2cMessagesRequest {
  @IsUserId()
  userId!: string;

  @IsUserId()
  peerId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.deleteC2cMaxKeys)
  @IsString({ each: true })
  msgKeys!: string[];
}
