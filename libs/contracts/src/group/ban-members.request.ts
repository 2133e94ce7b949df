import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';

import { Utf8Bytes } from '../common';
import { GroupBanLimits } from './group-ban.limits';
import { GroupIdRequest } from './group-id.request';

/** ban_group_member: the accounts are removed and kept out for `durationSeconds`. */
export class BanMembersRequest extends GroupIdRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GroupBanLimits.accountsMax)
  @IsString({ each: true })
  userIds!: string[];

  @IsInt()
  @Min(1)
  @Max(GroupBanLimits.durationMax)
  durationSeconds!: number;

  @IsOptional()
  @Utf8Bytes(0, GroupBanLimits.descriptionMaxBytes)
  description?: string;
}
