import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';

import { GroupOperatorRequest } from './group-operator.request';
import { TopicLimits } from './topic.limits';

/** `get_topic` / `destroy_topic` (and their client twins): the named topics, or all of them. */
export class TopicIdsRequest extends GroupOperatorRequest {
  @IsString()
  groupId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TopicLimits.idListMax)
  @IsString({ each: true })
  topicIds?: string[];
}
