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
import { GroupLimits } from './group.limits';
import { MsgFlags } from './group.enums';
import type { MsgFlag } from './group.enums';

/** A member given at creation or import (create_group `MemberList`, import_group_member). */
export class NewGroupMember {
  @IsString()
  userId!: string;

  /** `Admin` or `Member` (default); the owner is named apart. */
  @IsOptional()
  @IsIn(['Admin', 'Member'])
  role?: 'Admin' | 'Member';

  /** Epoch seconds (imports keep the original time); default now. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  joinTime?: number;

  @IsOptional()
  @IsIn(MsgFlags)
  msgFlag?: MsgFlag;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.nameCardMaxBytes)
  @NoNul()
  nameCard?: string;

  /** Read seq (create_group `MsgSeq`). */
  @IsOptional()
  @IsInt()
  @Min(0)
  msgSeq?: number;

  /** import_group_member `UnreadMsgNum`: the read seq becomes NextMsgSeq - 1 - this. */
  @IsOptional()
  @IsInt()
  @Min(0)
  unreadMsgNum?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  lastSendMsgTime?: number;

  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupCustomDataItem)
  customData?: GroupCustomDataItem[];
}
