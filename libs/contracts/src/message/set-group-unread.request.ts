import { IsInt, IsString, Min } from 'class-validator';

import { IsUserId } from '../common';

/** set_unread_msg_num: make a member's unread count of a group `unread` (Private/Public, T22). */
export class SetGroupUnreadRequest {
  @IsString()
  groupId!: string;

  @IsUserId()
  userId!: string;

  @IsInt()
  @Min(0)
  unread!: number;
}
