import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * A member's read position (MSG-20; MsgSeq of GRP-20). `advance` only moves it forward (read
 * reports); `set` puts it anywhere (set_unread_msg_num). Types without unread counts (T22)
 * refuse with 10007.
 */
export class SetReadSeqRequest {
  @IsString()
  groupId!: string;

  @IsString()
  userId!: string;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  msgSeq!: number;

  @IsIn(['advance', 'set'])
  mode!: 'advance' | 'set';

  /**
   * The group's last seq the position was taken against (messaging's own line). NextMsgSeq is
   * raised to at least `asOfSeq + 1` with it, and the position is clamped to `asOfSeq` rather
   * than to a NextMsgSeq that may not have heard of the last messages yet.
   */
  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  asOfSeq?: number;
}
