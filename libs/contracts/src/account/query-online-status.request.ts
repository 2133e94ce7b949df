import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
} from 'class-validator';

import { AccountLimits } from './account.limits';

/** IDs that break the rules or are not imported are reported in `errors`. */
export class QueryOnlineStatusRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.onlineStatusQueryMax)
  @IsString({ each: true })
  userIds!: string[];

  @IsOptional()
  @IsBoolean()
  withDetail?: boolean;
}
