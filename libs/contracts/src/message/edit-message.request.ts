import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsOptional, IsString, ValidateNested } from 'class-validator';

import { ConversationSeqRequest } from './conversation-seq.request';
import { MsgElement } from './msg-element';

/** Edit a stored message: a user edits its own messages, the App admin any (push `msg.modified`). */
export class EditMessageRequest extends ConversationSeqRequest {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => MsgElement)
  body?: MsgElement[];

  @IsOptional()
  @IsString()
  cloudCustomData?: string;
}
