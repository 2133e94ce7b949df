import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { ErrorCode, MessageLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { C2cSendDto } from './sendmsg.dto';

/**
 * `openim/batchsendmsg` (docs/rest-api.md §4.2): `sendmsg` with up to 500 receivers (90011 for
 * more) and no MsgTimeStamp; an unknown receiver is an item of `ErrorList` (70107).
 */
export class BatchSendMsgDto extends C2cSendDto {
  @ArrayMaxSize(MessageLimits.batchMaxRecipients, withCode(ErrorCode.TooManyRecipients))
  @ArrayMinSize(1, withCode(ErrorCode.ToAccountInvalid))
  @IsString(withCode(ErrorCode.ToAccountInvalid, true))
  @IsArray(withCode(ErrorCode.ToAccountInvalid))
  To_Account!: string[];
}
