import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { ErrorCode, IsUserId, MessageLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/**
 * `openim/delete_c2c_msg_ramble` (docs/rest-api.md §4.9): up to 30 MsgKeys of the C2C
 * conversation of `Operator_Account` with `Peer_Account` leave the operator's roaming.
 */
export class DeleteC2cMsgRambleDto {
  @IsUserId(withCode(ErrorCode.FromAccountInvalid))
  Operator_Account!: string;

  @IsUserId(withCode(ErrorCode.ToAccountInvalid))
  Peer_Account!: string;

  @ArrayMaxSize(MessageLimits.deleteC2cMaxKeys)
  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsArray()
  MsgKeyList!: string[];
}
