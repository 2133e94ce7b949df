import { IsIn, IsObject, IsString } from 'class-validator';

import { ErrorCode, MsgTypes } from '@im/contracts';
import type { MsgType } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/** One `TIMMsgElement` of a C2C `MsgBody` (docs/rest-api.md §2.1): a wrong layout is 90010. */
export class C2cMsgElementDto {
  @IsIn(MsgTypes, withCode(ErrorCode.MessageFormatInvalid))
  @IsString(withCode(ErrorCode.MessageFormatInvalid))
  MsgType!: MsgType;

  @IsObject(withCode(ErrorCode.MessageFormatInvalid))
  MsgContent!: Record<string, unknown>;
}
