import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { IsUserId } from '../common';
import { OfficialAccountLimits } from './official-account.limits';

/** `get_subscribed_official_account_list`: a user's subscriptions, `offset` then `limit`. */
export class GetSubscribedAccountsRequest {
  @IsUserId()
  userId!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(OfficialAccountLimits.subscribedPageMax)
  limit?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
