import { IsIn, IsInt, IsString, IsUUID, Min } from 'class-validator';

import { EventEnvelope } from '../common';
import { AfterCallbackCommands } from './callback-commands';
import type { AfterCallbackCommand } from './callback-commands';

/** An after-callback was given up after its last attempt and kept as a dead letter. */
export class CallbackDeadLetteredEvent extends EventEnvelope {
  @IsInt()
  @Min(1)
  deadLetterId!: number;

  @IsUUID()
  callbackId!: string;

  @IsIn(AfterCallbackCommands)
  command!: AfterCallbackCommand;

  @IsInt()
  @Min(1)
  attempts!: number;

  @IsString()
  lastError!: string;
}
