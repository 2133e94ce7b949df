import type { RecipientError } from './recipient-error';

export class SendC2cBatchReply {
  time!: number;
  /** The MsgKey shared by every copy (`{clientSeq}_{random}_{time}`). */
  msgKey!: string;
  errors!: RecipientError[];
}
