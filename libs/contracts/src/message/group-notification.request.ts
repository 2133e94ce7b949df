import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';

import { Utf8Bytes } from '../common';
import { MessageLimits } from './msg-element';

/**
 * send_group_system_notification: a system notice to some (≤ 500) or all members, as a
 * `notify` push of kind `group.system`, kept for offline members (AMB-35); not a message.
 */
export class GroupNotificationRequest {
  @IsString()
  groupId!: string;

  @Utf8Bytes(1, 12 * 1024)
  content!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MessageLimits.notificationMaxMembers)
  @IsString({ each: true })
  toMembers?: string[];
}
