import { IsInt, Min } from 'class-validator';

/** `{MsgSeq}` of group_msg_recall's `MsgSeqList`. */
export class MsgSeqItemDto {
  @Min(1)
  @IsInt()
  MsgSeq!: number;
}
