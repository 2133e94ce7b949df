import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { IsUserId, ReceiptLimits } from '@im/contracts';

import { MsgSeqItemDto } from './msg-seq-item.dto';

/**
 * `group_open_http_svc/group_msg_receipt` (docs/rest-api.md §7.28): the member
 * `Operator_Account` read these group messages.
 */
export class GroupMsgReceiptDto {
  @MaxLength(48)
  @IsString()
  GroupId!: string;

  @IsUserId()
  Operator_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(ReceiptLimits.messagesPerRequest)
  @ValidateNested({ each: true })
  @Type(() => MsgSeqItemDto)
  @IsArray()
  MsgSeqList!: MsgSeqItemDto[];
}

/** `group_open_http_svc/get_group_msg_receipt` (docs/rest-api.md §7.28). */
export class GetGroupMsgReceiptDto {
  @MaxLength(48)
  @IsString()
  GroupId!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(ReceiptLimits.messagesPerRequest)
  @ValidateNested({ each: true })
  @Type(() => MsgSeqItemDto)
  @IsArray()
  MsgSeqList!: MsgSeqItemDto[];
}
