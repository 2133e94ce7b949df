import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional } from 'class-validator';

import { IsUserId } from '../common';
import { AccountLimits } from './account.limits';

export class QueryOnlineStatusRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.onlineStatusQueryMax)
  @IsUserId({ each: true })
  userIds!: string[];

  @IsOptional()
  @IsBoolean()
  withDetail?: boolean;
}
