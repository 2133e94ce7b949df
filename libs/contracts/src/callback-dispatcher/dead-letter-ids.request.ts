import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, Max, Min } from 'class-validator';

import { CallbackLimits } from './callback-commands';

/** Operator: replay or discard dead letters of an app; all of them when `ids` is absent. */
export class DeadLetterIdsRequest {
  @IsInt()
  @Min(1)
  @Max(0xffffffff)
  sdkAppId!: number;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CallbackLimits.deadLetterIdsMax)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids?: number[];
}
