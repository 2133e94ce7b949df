import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString } from 'class-validator';

import { AccountLimits, ErrorCode } from '@im/contracts';

import { withCode } from '../../rest/rest-command';

/** `openim/query_online_status` and the legacy `openim/querystate` (rest-api.md §3.6). */
export class QueryOnlineStatusDto {
  @IsArray(withCode(ErrorCode.ToAccountInvalid))
  @ArrayMinSize(1, withCode(ErrorCode.ToAccountInvalid))
  @ArrayMaxSize(AccountLimits.onlineStatusQueryMax, withCode(ErrorCode.TooManyRecipients))
  @IsString(withCode(ErrorCode.ToAccountInvalid, true))
  To_Account!: string[];

  @IsOptional()
  @IsIn([0, 1])
  IsNeedDetail?: 0 | 1;
}
