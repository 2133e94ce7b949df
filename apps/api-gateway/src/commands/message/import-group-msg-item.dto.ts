import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsUserId } from '@im/contracts';

import { GroupMsgElementDto } from './group-msg-element.dto';

/** One item of import_group_msg's `MsgList`. */
export class ImportGroupMsgItemDto {
  @IsUserId()
  From_Account!: string;

  @Min(0)
  @Max(0xffffffff)
  @IsInt()
  SendTime!: number;

  @IsOptional()
  @Min(0)
  @Max(0xffffffff)
  @IsInt()
  Random?: number;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => GroupMsgElementDto)
  @IsArray()
  MsgBody!: GroupMsgElementDto[];
}
