import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Min,
} from 'class-validator';

import { Utf8Bytes } from '../common';
import { MessageLimits } from './msg-element';

/** group_msg_recall: recall up to 10 messages of a group by seq (App admin). */
export class GroupRecallRequest {
  @IsString()
  groupId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.groupRecallMax)
  @IsInt({ each: true })
  @Min(1, { each: true })
  seqs!: number[];

  @IsOptional()
  @Utf8Bytes(0, 100)
  reason?: string;
}
