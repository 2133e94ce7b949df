import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** `group_open_http_svc/clear_group_msg` (docs/rest-api.md §7.33). */
export class ClearGroupMsgDto {
  @IsString()
  GroupId!: string;

  /** Clears the messages with seq ≤ MsgSeq; absent = all. */
  @IsOptional()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(1)
  @IsInt()
  MsgSeq?: number;
}
