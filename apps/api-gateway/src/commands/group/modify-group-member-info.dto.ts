import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { GroupLimits, MsgFlags, Utf8Bytes } from '@im/contracts';
import type { MsgFlag } from '@im/contracts';

import { GroupCustomDataDto } from './group-custom-data.dto';

/**
 * `modify_group_member_info` (docs/rest-api.md §7.8); `ShutUpTime` is an alias of `MuteTime`.
 * `From_Account`: act as that user.
 */
export class ModifyGroupMemberInfoDto {
  @IsString()
  GroupId!: string;

  @IsString()
  Member_Account!: string;

  @IsOptional()
  @IsIn(['Admin', 'Member'])
  Role?: 'Admin' | 'Member';

  @IsOptional()
  @IsIn(MsgFlags)
  MsgFlag?: MsgFlag;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.nameCardMaxBytes)
  NameCard?: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => GroupCustomDataDto)
  @IsArray()
  AppMemberDefinedData?: GroupCustomDataDto[];

  @IsOptional()
  @Min(0)
  @Max(GroupLimits.mutePermanent)
  @IsInt()
  MuteTime?: number;

  @IsOptional()
  @IsString()
  From_Account?: string;
}
