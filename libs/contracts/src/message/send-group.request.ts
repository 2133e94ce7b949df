import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';

import { IsUserId } from '../common';
import { MsgElement } from './msg-element';
import { SendOptions } from './send-options';

export const MsgPriorities = ['High', 'Normal', 'Low', 'Lowest'] as const;

/** One group message. A user sends as itself; the App admin may name a member as sender. */
export class SendGroupRequest extends SendOptions {
  @IsString()
  groupId!: string;

  @IsOptional()
  @IsUserId()
  from?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => MsgElement)
  body!: MsgElement[];

  @IsOptional()
  @IsIn(MsgPriorities)
  priority?: (typeof MsgPriorities)[number];
}
