import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

import { TopicLimits } from '../group/topic.limits';

/**
 * For the group service (get_topic with `From_Account`): one member's read position, unread
 * count and last visible message in these group lines (a Community's topics, keyed by the
 * topic ID).
 */
export class LineStatesRequest {
  @IsString()
  @MaxLength(32)
  userId!: string;

  @IsArray()
  @ArrayMaxSize(TopicLimits.maxTopicsPerGroup)
  @IsString({ each: true })
  groupIds!: string[];
}
