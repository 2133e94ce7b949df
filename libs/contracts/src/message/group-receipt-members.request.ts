import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { ReceiptLimits } from './receipt-limits';

/**
 * One page of the members who read (or did not read) a group message
 * (get_group_msg_receipt_detail, client `msg.get-receipt-members`). No cap on the group's size.
 */
export class GroupReceiptMembersRequest {
  @IsString()
  @MaxLength(48)
  groupId!: string;

  @IsInt()
  @Min(1)
  seq!: number;

  @IsIn(['read', 'unread'])
  filter!: 'read' | 'unread';

  /** Where the previous page ended ('' or absent: from the start). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @IsInt()
  @Min(1)
  @Max(ReceiptLimits.detailPageMax)
  count!: number;
}
