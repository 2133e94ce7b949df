import { IsInt, IsOptional, Min } from 'class-validator';

import { IsUserId } from '@im/contracts';

/** `openim/admin_set_msg_read` (docs/rest-api.md §4.6). */
export class AdminSetMsgReadDto {
  @IsUserId()
  Report_Account!: string;

  @IsUserId()
  Peer_Account!: string;

  @IsOptional()
  @Min(0)
  @IsInt()
  MsgReadTime?: number;
}
