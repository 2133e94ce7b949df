import { IsInt, IsString } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

export class MessageRecalledEvent extends EventEnvelope {
  @IsString()
  convId!: string;

  @IsInt()
  seq!: number;

  @IsUserId()
  by!: string;
}
