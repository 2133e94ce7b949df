import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { NoNul, Utf8Bytes } from '../common';
import { GroupCustomDataItem } from './group-custom-data-item';
import { GroupIdRequest } from './group-id.request';
import { ApplyJoinOptions, InviteJoinOptions } from './group.enums';
import type { ApplyJoinOption, InviteJoinOption } from './group.enums';
import { GroupLimits } from './group.limits';

/** modify_group_base_info (GRP-43): every given field, all or nothing. */
export class ModifyGroupRequest extends GroupIdRequest {
  @IsOptional()
  @Utf8Bytes(1, GroupLimits.nameMaxBytes)
  @NoNul()
  name?: string;

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
  @IsBoolean()
  muteAllMember?: boolean;

  /** HistoryMsgBeforeJoin `On` (true) / `Off` (false). */
  @IsOptional()
  @IsBoolean()
  historyMsgBeforeJoin?: boolean;

  /** An empty value deletes the key. */
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupCustomDataItem)
  customData?: GroupCustomDataItem[];
}
