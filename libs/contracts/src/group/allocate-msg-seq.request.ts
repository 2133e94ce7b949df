import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { GroupLimits } from './group.limits';

/**
 * Messaging takes the next `count` seqs of a group for messages it stores (GRP-17): the group
 * moves NextMsgSeq and LastMsgTime, the sender's LastSendMsgTime, and a Private group becomes
 * active on the owner's (or App admin's) first message (T18).
 */
export class AllocateMsgSeqRequest {
  @IsString()
  groupId!: string;

  /** Absent = the App admin. */
  @IsOptional()
  @IsString()
  senderId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(GroupLimits.allocateMaxSeqs)
  count?: number;

  /**
   * The highest seq messaging has stored in the group. When given, NextMsgSeq becomes at least
   * `lastSeq + 1` instead of moving by `count`: the note is idempotent and order-free, so a
   * note lost, repeated or overtaken (and a read position that already raised NextMsgSeq,
   * SetReadSeqRequest.asOfSeq) cannot make it drift.
   */
  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  lastSeq?: number;

  /** Epoch seconds of the message (import keeps the original time); default now. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  msgTime?: number;
}
