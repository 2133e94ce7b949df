import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsUserId } from '../common';
import { MsgElement } from './msg-element';

/** send_broadcast_msg: one message to every live room (AVChatRoom) of the app. */
export class SendBroadcastRequest {
  @IsOptional()
  @IsUserId()
  from?: string;

  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  random!: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => MsgElement)
  body!: MsgElement[];

  @IsOptional()
  @IsString()
  cloudCustomData?: string;
}
