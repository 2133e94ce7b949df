import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';

import { IsUserId, TopicLimits as L, Utf8Bytes } from '@im/contracts';

/** The TopicInfo fields `ResponseFilter` may name (TopicId is always answered). */
export const TOPIC_INFO_FIELDS = [
  'TopicName',
  'Introduction',
  'Notification',
  'FaceUrl',
  'CustomString',
  'CreateTime',
  'Owner_Account',
  'LastMsgTime',
  'NextMsgSeq',
  'MuteAllMember',
] as const;
/** The member's parts of a TopicInfo (with `From_Account`), which a ResponseFilter may name too. */
export const TOPIC_MEMBER_FIELDS = ['SelfInfo', 'LastMsg'] as const;
export type TopicInfoField = (typeof TOPIC_INFO_FIELDS)[number];
export type TopicFilterField = TopicInfoField | (typeof TOPIC_MEMBER_FIELDS)[number];

/** The texts create_topic and import_topic share. */
class TopicFieldsDto {
  @IsString()
  GroupId!: string;

  @IsOptional()
  @IsString()
  TopicId?: string;

  @IsOptional()
  @IsUserId()
  From_Account?: string;

  @IsOptional()
  @Utf8Bytes(0, L.customStringMaxBytes)
  CustomString?: string;

  @IsOptional()
  @Utf8Bytes(0, L.faceUrlMaxBytes)
  FaceUrl?: string;

  @IsOptional()
  @Utf8Bytes(0, L.notificationMaxBytes)
  Notification?: string;

  @IsOptional()
  @Utf8Bytes(0, L.introductionMaxBytes)
  Introduction?: string;
}

/** `million_group_open_http_svc/create_topic` (docs/rest-api.md, Community topics). */
export class CreateTopicDto extends TopicFieldsDto {
  @Utf8Bytes(1, L.nameMaxBytes)
  TopicName!: string;
}

/** `group_open_http_svc/import_topic`: a topic with its original `CreateTime`. */
export class ImportTopicDto extends TopicFieldsDto {
  /** The type of the topic's group; only `Community` has topics. */
  @IsOptional()
  @IsIn(['Community'])
  Type?: 'Community';

  @Utf8Bytes(1, L.nameMaxBytes)
  TopicName!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  CreateTime?: number;
}

/** `million_group_open_http_svc/get_topic`. */
export class GetTopicDto {
  @IsString()
  GroupId!: string;

  /** The user whose view is read (a member); documented as required, optional here. */
  @IsOptional()
  @IsUserId()
  From_Account?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.idListMax)
  @IsString({ each: true })
  TopicIdList?: string[];

  @IsOptional()
  @IsArray()
  @IsIn([...TOPIC_INFO_FIELDS, ...TOPIC_MEMBER_FIELDS], { each: true })
  ResponseFilter?: TopicFilterField[];
}

/** `million_group_open_http_svc/modify_topic`: the fields given change. */
export class ModifyTopicDto {
  @IsString()
  GroupId!: string;

  @IsString()
  TopicId!: string;

  @IsOptional()
  @IsUserId()
  From_Account?: string;

  @IsOptional()
  @Utf8Bytes(1, L.nameMaxBytes)
  TopicName?: string;

  @IsOptional()
  @Utf8Bytes(0, L.faceUrlMaxBytes)
  FaceUrl?: string;

  @IsOptional()
  @Utf8Bytes(0, L.introductionMaxBytes)
  Introduction?: string;

  @IsOptional()
  @Utf8Bytes(0, L.notificationMaxBytes)
  Notification?: string;

  @IsOptional()
  @IsIn(['On', 'Off'])
  MuteAllMember?: 'On' | 'Off';

  @IsOptional()
  @Utf8Bytes(0, L.customStringMaxBytes)
  CustomString?: string;
}

/** `million_group_open_http_svc/destroy_topic`: the topics listed, or every topic of the group. */
export class DestroyTopicDto {
  @IsString()
  GroupId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.idListMax)
  @IsString({ each: true })
  TopicIdList?: string[];
}
