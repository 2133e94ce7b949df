import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsUserId } from '../common';
import { MsgElement } from './msg-element';
import { SendOptions } from './send-options';

/** One C2C message. A user sends as itself; the App admin may name any existing sender. */
export class SendC2cRequest extends SendOptions {
  @IsOptional()
  @IsUserId()
  from?: string;

  @IsUserId()
  to!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => MsgElement)
  body!: MsgElement[];

  /** 1 (default) = also to the sender's other devices; 2 = not to the sender at all. */
  @IsOptional()
  @IsIn([1, 2])
  syncOtherMachine?: 1 | 2;

  /** Offline retention in seconds, 0..604800 (0 = online only). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800)
  lifeTimeSeconds?: number;
}
