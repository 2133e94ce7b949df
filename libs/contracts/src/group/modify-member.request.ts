import { Type } from 'class-transformer';
import {
  IsArray,
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
import { GroupIdRequest } from './group-id.request';
import { MsgFlags } from './group.enums';
import type { MsgFlag } from './group.enums';
import { GroupLimits } from './group.limits';

/** modify_group_member_info (GRP-44): every given field, all or nothing. */
export class ModifyMemberRequest extends GroupIdRequest {
  @IsString()
  userId!: string;

  /** `Admin` appoints, `Member` revokes (owner or App admin, where T11 allows). */
  @IsOptional()
  @IsIn(['Admin', 'Member'])
  role?: 'Admin' | 'Member';

  @IsOptional()
  @IsIn(MsgFlags)
  msgFlag?: MsgFlag;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.nameCardMaxBytes)
  @NoNul()
  nameCard?: string;

  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupCustomDataItem)
  customData?: GroupCustomDataItem[];

  /** Seconds; 0 unmutes, 4294967295 = permanent (REST `MuteTime`/`ShutUpTime`). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(GroupLimits.mutePermanent)
  muteTime?: number;
}
