import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';

import { ImportAccountRequest } from './import-account.request';
import { AccountLimits } from './account.limits';

export class ImportAccountsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.batchMax)
  @ValidateNested({ each: true })
  @Type(() => ImportAccountRequest)
  accounts!: ImportAccountRequest[];
}
