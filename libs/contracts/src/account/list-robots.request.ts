import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';

import { AccountLimits } from './account.limits';

/**
 * The app's robots (`get_all_robots`), or which of the given users are robots (the
 * callback-dispatcher before `Bot.OnC2CMessage`).
 */
export class ListRobotsRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AccountLimits.batchMax)
  @IsString({ each: true })
  userIds?: string[];
}
