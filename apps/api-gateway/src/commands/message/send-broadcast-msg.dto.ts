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

import { ErrorCode, IsUserId } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { GroupMsgElementDto } from './group-msg-element.dto';

/** `group_open_http_svc/send_broadcast_msg` (docs/rest-api.md §7.34). */
export class SendBroadcastMsgDto {
  @IsOptional()
  @IsUserId(withCode(ErrorCode.GroupAccountNotFound))
  From_Account?: string;

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
  @IsString()
  CloudCustomData?: string;
}
