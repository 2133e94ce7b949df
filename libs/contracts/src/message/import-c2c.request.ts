import { Type } from 'class-transformer';
import {
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
import { MsgElement } from './msg-element';

/**
 * importmsg: one historical C2C message (App admin). `mode` 2 = history (no unread, not
 * pushed); 1 or 5 = real-time import (unread, pushed). A message whose (clientSeq, random,
 * msgTime) matches one already in the conversation is ignored (the first import wins).
 */
export class ImportC2cRequest {
  @IsIn([1, 2, 5])
  mode!: 1 | 2 | 5;

  @IsUserId()
  from!: string;

  @IsUserId()
  to!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  clientSeq?: number;

  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  random!: number;

  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  msgTime!: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => MsgElement)
  body!: MsgElement[];

  @IsOptional()
  @IsString()
  cloudCustomData?: string;
}
