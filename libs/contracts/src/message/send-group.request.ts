import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

import { IsUserId } from '../common';
import { GroupAtInfo } from './group-at-info';
import { MsgElement } from './msg-element';
import { SendOptions } from './send-options';

export const MsgPriorities = ['High', 'Normal', 'Low', 'Lowest'] as const;
export type MsgPriority = (typeof MsgPriorities)[number];

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
  priority?: MsgPriority;

  /** @-mentions, delivered with the message (`GroupAtInfo`). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupAtInfo)
  atInfo?: GroupAtInfo[];
}
