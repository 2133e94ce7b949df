import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { OperatorCallRequest } from './operator-call.request';
import { OperatorLimits } from './operator.limits';

/** A page of a console list, newest first. */
export class OperatorPageRequest extends OperatorCallRequest {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(OperatorLimits.pageMax)
  limit?: number;
}
