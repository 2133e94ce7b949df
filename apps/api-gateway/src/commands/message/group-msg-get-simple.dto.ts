import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { MessageLimits } from '@im/contracts';

/** `group_open_http_svc/group_msg_get_simple` (docs/rest-api.md §7.23): up to 20 messages. */
export class GroupMsgGetSimpleDto {
  @IsString()
  GroupId!: string;

  @Min(1)
  @Max(MessageLimits.groupHistoryMaxMessages)
  @IsInt()
  ReqMsgNumber!: number;

  @IsOptional()
  @Min(1)
  @IsInt()
  ReqMsgSeq?: number;

  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  WithRecalledMsg?: 0 | 1;

  @IsOptional()
  @IsString()
  TopicId?: string;
}
