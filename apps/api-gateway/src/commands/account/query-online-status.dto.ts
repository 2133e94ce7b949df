import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString } from 'class-validator';

import { AccountLimits, ErrorCode } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/** `openim/query_online_status` and the legacy `openim/querystate` (docs/rest-api.md §3.6). */
export class QueryOnlineStatusDto {
  // Decorators run bottom-up and validation stops at the first failure: the type check is
  // the last line, so a wrong type or a missing field is not reported as a wrong batch size.
  @ArrayMinSize(1, withCode(ErrorCode.ToAccountInvalid))
  @ArrayMaxSize(AccountLimits.onlineStatusQueryMax, withCode(ErrorCode.TooManyRecipients))
  @IsString(withCode(ErrorCode.ToAccountInvalid, true))
  @IsArray(withCode(ErrorCode.ToAccountInvalid))
  To_Account!: string[];

  @IsOptional()
  @IsIn([0, 1])
  IsNeedDetail?: 0 | 1;
}
