import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { AccountLimits, ErrorCode } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

export class AccountListItemDto {
  @IsString()
  UserID!: string;

  @IsOptional()
  @IsString()
  Nick?: string;

  @IsOptional()
  @IsString()
  FaceUrl?: string;
}

/**
 * `im_open_login_svc/multiaccount_import` (docs/rest-api.md §3.2): `Accounts` (IDs) or the newer
 * `AccountList` (objects). IDs that break the rules come back in `FailAccounts`.
 */
export class MultiAccountImportDto {
  // Without AccountList (absent or null, as @IsOptional treats it), Accounts is required.
  @ValidateIf((o: MultiAccountImportDto) => o.AccountList === undefined || o.AccountList === null)
  // Decorators run bottom-up and validation stops at the first failure: the type check is
  // the last line, so a wrong type or a missing field is not reported as a wrong batch size.
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.batchMax, withCode(ErrorCode.InvalidBatchSize))
  @IsString({ each: true })
  @IsArray()
  Accounts?: string[];

  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.batchMax, withCode(ErrorCode.InvalidBatchSize))
  @ValidateNested({ each: true })
  @Type(() => AccountListItemDto)
  @IsArray()
  AccountList?: AccountListItemDto[];
}
