import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { AppStatsLimits } from './app-stats';

/** The caller's app's statistics for the last `days` UTC days, today included (default 30). */
export class GetAppStatsRequest {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(AppStatsLimits.maxDays)
  days?: number;
}
