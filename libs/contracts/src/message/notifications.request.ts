import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The caller's system notifications (MSG-25) with an id above `afterId`, oldest first; kept
 * 7 days, at most 100 per user (AMB-35).
 */
export class NotificationsRequest {
  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  afterId?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
