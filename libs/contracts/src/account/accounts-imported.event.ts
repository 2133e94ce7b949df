import { Type } from 'class-transformer';
import { IsArray, ValidateNested } from 'class-validator';

import { EventEnvelope } from '../common';
import { ImportAccountRequest } from './import-account.request';

/** Accounts that were created by an import (existing ones are not repeated). */
export class AccountsImportedEvent extends EventEnvelope {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ImportAccountRequest)
  accounts!: ImportAccountRequest[];
}
