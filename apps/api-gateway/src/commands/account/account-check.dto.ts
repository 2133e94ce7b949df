import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';

import { AccountLimits, ErrorCode } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { UserIdItemDto } from './user-id-item.dto';

/** `im_open_login_svc/account_check` (docs/rest-api.md §3.4). */
export class AccountCheckDto {
  // Decorators run bottom-up and validation stops at the first failure: the type check is
  // the last line, so a wrong type or a missing field is not reported as a wrong batch size.
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.batchMax, withCode(ErrorCode.InvalidBatchSize))
  @ValidateNested({ each: true })
  @Type(() => UserIdItemDto)
  @IsArray()
  CheckItem!: UserIdItemDto[];
}
