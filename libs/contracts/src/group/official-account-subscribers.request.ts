import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { IsUserId, NoNul } from '../common';
import { OfficialAccountLimits } from './official-account.limits';

/** `add_subscriber` / `delete_subscriber`: 1..100 users of one official account. */
export class OfficialAccountSubscribersRequest {
  @IsString()
  @NoNul()
  officialAccountId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OfficialAccountLimits.subscriberBatchMax)
  @IsUserId({ each: true })
  userIds!: string[];
}
