import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * Per-app settings stored as JSONB by the account service. Each key is optional; an
 * absent key means the platform default. Owners of later capabilities add keys here.
 */
export class AppSettings {
  /** REST requests per second for this app (api-gateway); default from its config. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  restRateLimitPerSecond?: number;

  /** Whether a successful login may create an account that was never imported (AMB-2). */
  @IsOptional()
  @IsBoolean()
  autoCreateAccountOnLogin?: boolean;
}

export type AppStatus = 'active' | 'disabled';
export const AppStatuses: readonly AppStatus[] = ['active', 'disabled'];
