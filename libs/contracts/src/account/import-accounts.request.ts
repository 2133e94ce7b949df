import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

import { AccountLimits, AccountTypes } from './account.limits';
import type { AccountType } from './account.limits';

/**
 * One item of a batch import. Only the types are checked here: an item whose values break a
 * rule (ID too long, nick too long) is reported as failed without failing the batch.
 */
export class AccountToImport {
  @IsString()
  userId!: string;

  @IsOptional()
  @IsString()
  nick?: string;

  @IsOptional()
  @IsString()
  faceUrl?: string;

  @IsOptional()
  @IsIn(AccountTypes)
  type?: AccountType;
}

export class ImportAccountsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.batchMax)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AccountToImport)
  accounts!: AccountToImport[];
}
