import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

import { GroupEvent } from './group.event';
import { TopicView } from './topic-view';

export const TopicChanges = ['created', 'info-changed', 'destroyed'] as const;
export type TopicChange = (typeof TopicChanges)[number];

/**
 * A topic of a Community was created, changed or destroyed (`group.evt.topic-created`,
 * `topic-info-changed`, `topic-destroyed`): `groupId` is the Community, `topic` the topic after
 * the change (as it was, for a destroy). Told to the Community's members as
 * `group.topic-created` / `group.topic-info-changed` / `group.topic-destroyed`.
 */
export class TopicChangedEvent extends GroupEvent {
  @IsIn(TopicChanges)
  change!: TopicChange;

  @IsString()
  topicId!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => TopicView)
  topic!: TopicView;

  /** The fields a modify changed (TopicName, FaceUrl, ...); empty otherwise. */
  @IsArray()
  @IsString({ each: true })
  changedFields!: string[];

  /** The Community's owner ("" without one), for `Group.CallbackAfterCreateTopic`. */
  @IsOptional()
  @IsString()
  groupOwnerId?: string;

  /** A topic created by import_topic (no after-callback, as imports in general). */
  @IsOptional()
  @IsBoolean()
  imported?: boolean;

  /** Destroyed because the Community was dismissed (destroy_group), not by destroy_topic. */
  @IsOptional()
  @IsBoolean()
  groupDismissed?: boolean;

  /** With `groupDismissed`: the members at dismissal, who are told. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  memberIds?: string[];
}
