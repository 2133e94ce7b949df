import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

import { MessageLimits, Utf8Bytes } from '@im/contracts';

import { MsgSeqItemDto } from './msg-seq-item.dto';

/** `group_open_http_svc/group_msg_recall` (docs/rest-api.md §7.17): up to 10 seqs. */
export class GroupMsgRecallDto {
  @IsString()
  GroupId!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.groupRecallMax)
  @ValidateNested({ each: true })
  @Type(() => MsgSeqItemDto)
  @IsArray()
  MsgSeqList!: MsgSeqItemDto[];

  @IsOptional()
  @Utf8Bytes(0, 100)
  Reason?: string;

  @IsOptional()
  @IsString()
  TopicId?: string;
}
