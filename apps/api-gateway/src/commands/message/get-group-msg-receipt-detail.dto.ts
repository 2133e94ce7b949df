import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { ReceiptLimits } from '@im/contracts';

/**
 * `group_open_http_svc/get_group_msg_receipt_detail` (docs/rest-api.md §7.28): a page of the
 * members who read (`Filter` 0) or did not read (`Filter` 1) a message.
 */
export class GetGroupMsgReceiptDetailDto {
  @MaxLength(48)
  @IsString()
  GroupId!: string;

  @Min(1)
  @IsInt()
  MsgSeq!: number;

  @IsIn([0, 1])
  Filter!: 0 | 1;

  @IsOptional()
  @MaxLength(200)
  @IsString()
  Cursor?: string;

  @Max(ReceiptLimits.detailPageMax)
  @Min(1)
  @IsInt()
  Count!: number;
}
