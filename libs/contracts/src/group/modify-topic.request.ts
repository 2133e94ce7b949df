import { IsBoolean, IsOptional, IsString } from 'class-validator';

import { NoNul, Utf8Bytes } from '../common';
import { GroupOperatorRequest } from './group-operator.request';
import { TopicLimits as L } from './topic.limits';

/** `modify_topic` (and a member's `group.modify-topic`): the fields given are changed. */
export class ModifyTopicRequest extends GroupOperatorRequest {
  @IsString()
  groupId!: string;

  @IsString()
  topicId!: string;

  @IsOptional()
  @Utf8Bytes(1, L.nameMaxBytes)
  @NoNul()
  name?: string;

  @IsOptional()
  @Utf8Bytes(0, L.introductionMaxBytes)
  @NoNul()
  introduction?: string;

  @IsOptional()
  @Utf8Bytes(0, L.notificationMaxBytes)
  @NoNul()
  notification?: string;

  @IsOptional()
  @Utf8Bytes(0, L.faceUrlMaxBytes)
  @NoNul()
  faceUrl?: string;

  @IsOptional()
  @Utf8Bytes(0, L.customStringMaxBytes)
  customString?: string;

  @IsOptional()
  @IsBoolean()
  muteAllMember?: boolean;
}
