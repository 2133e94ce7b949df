import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/** A group message's counts after a receipt. */
export class ReceiptCountFact {
  @IsInt()
  seq!: number;

  @IsInt()
  readNum!: number;

  @IsInt()
  unreadNum!: number;
}

/**
 * `userId` sent read receipts for these messages of `convId` (new ones only): the
 * after-callback `Group.CallbackAfterReadReceipt` for groups.
 */
export class ReceiptsSentEvent extends EventEnvelope {
  @IsString()
  convId!: string;

  @IsUserId()
  userId!: string;

  @IsArray()
  @IsInt({ each: true })
  seqs!: number[];

  /** Group: each message's counts after the receipt. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReceiptCountFact)
  counts?: ReceiptCountFact[];

  /** Group: the group's type (the callback's `Type`). */
  @IsOptional()
  @IsString()
  groupType?: string;
}
