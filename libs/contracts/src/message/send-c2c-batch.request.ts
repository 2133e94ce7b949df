import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsUserId } from '../common';
import { MessageLimits, MsgElement } from './msg-element';
import { SendOptions } from './send-options';

/**
 * batchsendmsg: one message to up to 500 users (each its own conversation); App admin only.
 * Recipients that fail are listed in the reply, the others get the message.
 */
export class SendC2cBatchRequest extends SendOptions {
  @IsOptional()
  @IsUserId()
  from?: string;

  /** Checked one by one (a bad or unknown ID is a per-recipient error). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.batchMaxRecipients)
  @IsString({ each: true })
  to!: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => MsgElement)
  body!: MsgElement[];

  @IsOptional()
  @IsIn([1, 2])
  syncOtherMachine?: 1 | 2;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800)
  lifeTimeSeconds?: number;
}
