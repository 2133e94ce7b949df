import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';

import { IsUserId } from '../common';
import { AccountLimits } from './account.limits';

/** A batch of up to 100 user IDs (account_delete, account_check). */
export class UserIdsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.batchMax)
  @IsUserId({ each: true })
  userIds!: string[];
}
