import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
} from 'class-validator';

import { Utf8Bytes } from '../common';
import { GroupIdRequest } from './group-id.request';
import { GroupLimits } from './group.limits';

/**
 * delete_group_member (GRP-49, T12, GRP-13). When the operator names only themself it is a
 * quit (GRP-50).
 */
export class RemoveMembersRequest extends GroupIdRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.accountsMax)
  @IsString({ each: true })
  userIds!: string[];

  @IsOptional()
  @IsBoolean()
  silence?: boolean;

  /** Delivered to the removed members. */
  @IsOptional()
  @Utf8Bytes(0, GroupLimits.reasonMaxBytes)
  reason?: string;
}
