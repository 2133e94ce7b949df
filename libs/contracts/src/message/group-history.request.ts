import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { MessageLimits } from './msg-element';

/** group_msg_get_simple: up to 20 messages of a group ending at `maxSeq` (default the latest). */
export class GroupHistoryRequest {
  @IsString()
  groupId!: string;

  @IsInt()
  @Min(1)
  @Max(MessageLimits.groupHistoryMaxMessages)
  count!: number;

  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(1)
  maxSeq?: number;

  @IsOptional()
  @IsBoolean()
  withRecalled?: boolean;
}
