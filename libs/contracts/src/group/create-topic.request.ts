import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { NoNul, Utf8Bytes } from '../common';
import { GroupOperatorRequest } from './group-operator.request';
import { TopicLimits as L } from './topic.limits';

/**
 * `create_topic` and `import_topic` (and a member's `group.create-topic`): a topic of a Community
 * created with `SupportTopic`; `topicId` absent = generated. `createTime` only for an import.
 */
export class CreateTopicRequest extends GroupOperatorRequest {
  @IsString()
  groupId!: string;

  @IsOptional()
  @IsString()
  topicId?: string;

  @Utf8Bytes(1, L.nameMaxBytes)
  @NoNul()
  name!: string;

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

  /** import_topic's `CreateTime` (epoch seconds). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  createTime?: number;
}
