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

import { ErrorCode } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { C2cMsgElementDto } from './c2c-msg-element.dto';

/**
 * `openim/modify_group_msg` (docs/rest-api.md §4.9): a new MsgBody and/or CloudCustomData for
 * the group message `MsgSeq`. An openim command: its refusals use the openim codes. With
 * `TopicId` the message is the topic's `MsgSeq` (a TopicId of another group: 20001).
 */
export class ModifyGroupMsgDto {
  @IsString()
  GroupId!: string;

  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  @IsInt()
  MsgSeq!: number;

  @IsOptional()
  @ArrayMinSize(1, withCode(ErrorCode.MsgBodyFormatInvalid))
  @ValidateNested({ each: true })
  @Type(() => C2cMsgElementDto)
  @IsArray(withCode(ErrorCode.MsgBodyNotArray))
  MsgBody?: C2cMsgElementDto[];

  @IsOptional()
  @IsString()
  CloudCustomData?: string;

  @IsOptional()
  @IsString()
  TopicId?: string;
}
