import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';

import { EventEnvelope } from '../common';
import { ImportAccountRequest } from './import-account.request';

/**
 * Accounts an import wrote: new ones and re-imported ones (with the nick/face URL given this
 * time, if any). Consumers treat it as an upsert.
 */
export class AccountsImportedEvent extends EventEnvelope {
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ImportAccountRequest)
  accounts!: ImportAccountRequest[];
}
