import { IsInt, IsString } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

export class ConversationReadEvent extends EventEnvelope {
  @IsString()
  convId!: string;

  @IsUserId()
  userId!: string;

  @IsInt()
  readSeq!: number;
}
