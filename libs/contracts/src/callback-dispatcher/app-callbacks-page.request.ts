import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { CallbackLimits } from './callback-commands';

/** The app's admin: a page of its delivery attempts or dead letters, newest first. */
export class AppCallbacksPageRequest {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;

  /** Default 20, at most 100. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(CallbackLimits.appPageMax)
  limit?: number;
}
