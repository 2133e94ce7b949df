import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { ErrorCode, IsUserId, MsgPriorities } from '@im/contracts';
import type { MsgPriority } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { GroupAtInfoDto } from './group-at-info.dto';
import { GroupMsgElementDto } from './group-msg-element.dto';

/**
 * `group_open_http_svc/send_group_msg` (docs/rest-api.md §7.14); `MsgOnlineOnlyFlag` is accepted for
 * `OnlineOnlyFlag`. `TopicId` sends to that topic of a Community (its own line); targeted messages
 * (`To_Account`) are refused.
 */
export class SendGroupMsgDto {
  @IsString()
  GroupId!: string;

  @Min(0)
  @Max(0xffffffff)
  @IsInt()
  Random!: number;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => GroupMsgElementDto)
  @IsArray()
  MsgBody!: GroupMsgElementDto[];

  @IsOptional()
  @IsUserId(withCode(ErrorCode.GroupAccountNotFound))
  From_Account?: string;

  @IsOptional()
  @IsIn(MsgPriorities)
  MsgPriority?: MsgPriority;

  @IsOptional()
  @IsObject()
  OfflinePushInfo?: Record<string, unknown>;

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  ForbidCallbackControl?: string[];

  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  OnlineOnlyFlag?: 0 | 1;

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  SendMsgControl?: string[];

  @IsOptional()
  @IsString()
  CloudCustomData?: string;

  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  SupportMessageExtension?: 0 | 1;

  @IsOptional()
  @ArrayMaxSize(0, { message: 'To_Account: targeted group messages are not supported' })
  @IsArray()
  To_Account?: string[];

  @IsOptional()
  @IsString()
  TopicId?: string;

  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  NeedReadReceipt?: 0 | 1;

  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => GroupAtInfoDto)
  @IsArray()
  GroupAtInfo?: GroupAtInfoDto[];
}
