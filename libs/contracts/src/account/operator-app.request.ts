import { IsInt, Max, Min } from 'class-validator';

import { OperatorCallRequest } from './operator-call.request';

/** A console call naming one app. */
export class OperatorAppRequest extends OperatorCallRequest {
  @IsInt()
  @Min(1)
  @Max(0xffffffff)
  sdkAppId!: number;
}
