import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { NoNul } from '../common';

import { OfficialAccountLimits } from './official-account.limits';

/** `get_official_account_info`: 1..50 IDs. */
export class GetOfficialAccountsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OfficialAccountLimits.infoBatchMax)
  @IsString({ each: true })
  @NoNul({ each: true })
  officialAccountIds!: string[];
}
