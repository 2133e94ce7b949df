import { IsInt, IsString, Min } from 'class-validator';

import { EventEnvelope } from '../common';

/** A push task went through every targeted user (statistics, callbacks). */
export class PushTaskFinishedEvent extends EventEnvelope {
  @IsString()
  taskId!: string;

  @IsInt()
  @Min(0)
  total!: number;

  @IsInt()
  @Min(0)
  onlineDelivered!: number;

  @IsInt()
  @Min(0)
  stored!: number;

  @IsInt()
  @Min(0)
  offlinePushed!: number;
}
