import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';

import { ReceiptLimits } from './receipt-limits';

/** Read / unread counts of group messages (get_group_msg_receipt, client `msg.get-receipts`). */
export class GroupReceiptsRequest {
  @IsString()
  @MaxLength(48)
  groupId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ReceiptLimits.messagesPerRequest)
  @IsInt({ each: true })
  @Min(1, { each: true })
  seqs!: number[];
}
