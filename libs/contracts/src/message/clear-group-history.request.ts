import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * clear_group_msg: the group's messages up to `msgSeq` (all when absent) leave its members'
 * history; the App admin still reads them (group_msg_get_simple).
 */
export class ClearGroupHistoryRequest {
  @IsString()
  groupId!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  msgSeq?: number;
}
