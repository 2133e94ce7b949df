import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';

import { MessageLimits, Utf8Bytes } from '@im/contracts';

/** `group_open_http_svc/send_group_system_notification` (docs/rest-api.md §7.15). */
export class SendGroupSystemNotificationDto {
  @IsString()
  GroupId!: string;

  @Utf8Bytes(1, MessageLimits.bodyMaxBytes)
  Content!: string;

  @IsOptional()
  @ArrayMaxSize(MessageLimits.notificationMaxMembers)
  @IsString({ each: true })
  @IsArray()
  ToMembers_Account?: string[];

  @IsOptional()
  @IsString()
  TopicId?: string;
}
