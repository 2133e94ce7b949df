import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';

import { IsUserId } from '../common';
import { ReceiptLimits } from './receipt-limits';

/**
 * Read receipts for messages of one conversation (client command `msg.send-receipt`;
 * openim/c2c_msg_read_receipt and group_open_http_svc/group_msg_receipt for the App admin):
 * the reader read these messages. Messages are named by seq, or — C2C over REST — by MsgKey.
 */
export class SendReceiptsRequest {
  @IsString()
  @MaxLength(200)
  convId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ReceiptLimits.messagesPerRequest)
  @IsInt({ each: true })
  @Min(1, { each: true })
  seqs?: number[];

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ReceiptLimits.messagesPerRequest)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  msgKeys?: string[];

  /** The App admin: the reader (a user sends receipts as itself). */
  @IsOptional()
  @IsUserId()
  userId?: string;
}
