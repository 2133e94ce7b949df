import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';

import { ErrorCode, IsUserId, MessageLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/** `openim/get_c2c_unread_msg_num` (docs/rest-api.md §4.7): up to 10 peers. */
export class GetC2cUnreadMsgNumDto {
  @IsUserId(withCode(ErrorCode.ToAccountInvalid))
  To_Account!: string;

  @IsOptional()
  @ArrayMaxSize(MessageLimits.c2cUnreadMaxPeers)
  @IsString({ each: true })
  @IsArray()
  Peer_Account?: string[];
}
