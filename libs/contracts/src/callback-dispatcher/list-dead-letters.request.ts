import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

import { AfterCallbackCommands, CallbackLimits } from './callback-commands';
import type { AfterCallbackCommand } from './callback-commands';

/** Operator: an app's dead letters, oldest first, a page at a time. */
export class ListDeadLettersRequest {
  @IsInt()
  @Min(1)
  @Max(0xffffffff)
  sdkAppId!: number;

  @IsOptional()
  @IsIn(AfterCallbackCommands)
  command?: AfterCallbackCommand;

  /** Continue after this ID (`nextAfterId` of the previous page). */
  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  afterId?: number;

  /** Default and maximum 100. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(CallbackLimits.deadLettersPageMax)
  limit?: number;
}
