import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { AccountLimits } from './account.limits';

/**
 * A batch of up to 100 user IDs (account_delete, account_check). Only the types are checked
 * here; an ID that breaks the rules gets its own per-item result code.
 */
export class UserIdsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.batchMax)
  @IsString({ each: true })
  userIds!: string[];
}
