import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

import { MessageLimits } from '@im/contracts';

import { ImportGroupMsgItemDto } from './import-group-msg-item.dto';

/** `group_open_http_svc/import_group_msg` (docs/rest-api.md §7.19): up to 20 messages in order. */
export class ImportGroupMsgDto {
  @IsString()
  GroupId!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.importGroupMaxMessages)
  @ValidateNested({ each: true })
  @Type(() => ImportGroupMsgItemDto)
  @IsArray()
  MsgList!: ImportGroupMsgItemDto[];

  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  RecentContactFlag?: 0 | 1;

  @IsOptional()
  @IsString()
  TopicId?: string;
}
