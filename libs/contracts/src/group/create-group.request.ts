import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { NoNul, Utf8Bytes } from '../common';
import { GroupCustomDataItem } from './group-custom-data-item';
import { GroupOperatorRequest } from './group-operator.request';
import { ApplyJoinOptions, InviteJoinOptions } from './group.enums';
import type { ApplyJoinOption, InviteJoinOption } from './group.enums';
import { GroupLimits } from './group.limits';
import { NewGroupMember } from './new-group-member';

/** create_group (GRP-38); the creator (a user) or `ownerId` (App admin) becomes the owner. */
export class CreateGroupRequest extends GroupOperatorRequest {
  /** A built-in type, its alias (`Work`, `Meeting`) or a custom type of the app. */
  @IsString()
  type!: string;

  @Utf8Bytes(1, GroupLimits.nameMaxBytes)
  @NoNul()
  name!: string;

  /** Custom ID (App admin only, GRP-24/25); absent or empty = generated `@TGS#…`. */
  @IsOptional()
  @IsString()
  groupId?: string;

  @IsOptional()
  @IsString()
  ownerId?: string;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.introductionMaxBytes)
  @NoNul()
  introduction?: string;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.notificationMaxBytes)
  @NoNul()
  notification?: string;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.faceUrlMaxBytes)
  @NoNul()
  faceUrl?: string;

  /** REST `MaxMemberCount`; default = the effective member limit. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(0xffffffff)
  maxMemberNum?: number;

  @IsOptional()
  @IsIn(ApplyJoinOptions)
  applyJoinOption?: ApplyJoinOption;

  @IsOptional()
  @IsIn(InviteJoinOptions)
  inviteJoinOption?: InviteJoinOption;

  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupCustomDataItem)
  customData?: GroupCustomDataItem[];

  /** Initial members (T9), besides the owner. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GroupLimits.createMaxMembers)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NewGroupMember)
  members?: NewGroupMember[];

  /** REST `SupportTopic` 1: a Community group whose members talk in topics (Community only). */
  @IsOptional()
  @IsBoolean()
  supportTopic?: boolean;

  /** Member custom fields of the owner (create_group `AppMemberDefinedData`). */
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupCustomDataItem)
  ownerCustomData?: GroupCustomDataItem[];
}
