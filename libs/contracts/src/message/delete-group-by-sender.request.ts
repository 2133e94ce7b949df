import { IsString } from 'class-validator';

import { IsUserId } from '../common';

/** delete_group_msg_by_sender: remove every message of one sender from a group's history. */
export class DeleteGroupBySenderRequest {
  @IsString()
  groupId!: string;

  @IsUserId()
  senderId!: string;
}
