import { IsOptional, IsString } from 'class-validator';

import { IsUserId } from '@im/contracts';

/** `group_open_http_svc/delete_group_msg_by_sender` (docs/rest-api.md §7.22). */
export class DeleteGroupMsgBySenderDto {
  @IsString()
  GroupId!: string;

  @IsUserId()
  Sender_Account!: string;

  @IsOptional()
  @IsString()
  TopicId?: string;
}
