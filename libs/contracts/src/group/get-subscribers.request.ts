import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { NoNul } from '../common';

import { OfficialAccountLimits } from './official-account.limits';

/** `get_subscriber_info`: a page of subscribers after the cursor `next` ("" = first page). */
export class GetSubscribersRequest {
  @IsString()
  @NoNul()
  officialAccountId!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(OfficialAccountLimits.subscriberPageMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  next?: string;
}
