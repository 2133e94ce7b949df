import { IsInt, IsString, Min } from 'class-validator';

import { IsUserId } from '@im/contracts';

/** `group_open_http_svc/set_unread_msg_num` (docs/rest-api.md §7.21). */
export class SetUnreadMsgNumDto {
  @IsString()
  GroupId!: string;

  @IsUserId()
  Member_Account!: string;

  @Min(0)
  @IsInt()
  UnreadMsgNum!: number;
}
