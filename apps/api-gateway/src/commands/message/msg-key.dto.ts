import { IsString } from 'class-validator';

import { ErrorCode, IsUserId } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/** `openim/admin_msgwithdraw` (docs/rest-api.md §4.5): a C2C message by sender, receiver and MsgKey. */
export class MsgKeyDto {
  @IsUserId(withCode(ErrorCode.FromAccountInvalid))
  From_Account!: string;

  @IsUserId(withCode(ErrorCode.ToAccountInvalid))
  To_Account!: string;

  @IsString()
  MsgKey!: string;
}
