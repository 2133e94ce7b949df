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
 * A member of create_group's `MemberList` (docs/rest-api.md §7.2) or import_group_member's
 * (§7.20, which adds `UnreadMsgNum`).
 */
export class GroupMemberItemDto {
  @IsString()
  Member_Account!: string;

  @IsOptional()
  @IsIn(['Admin', 'Member'])
  Role?: 'Admin' | 'Member';

  @IsOptional()
  @Min(0)
  @Max(0xffffffff)
  @IsInt()
  JoinTime?: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  MsgSeq?: number;

  @IsOptional()
  @IsIn(MsgFlags)
  MsgFlag?: MsgFlag;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.nameCardMaxBytes)
  NameCard?: string;

  @IsOptional()
  @Min(0)
  @Max(0xffffffff)
  @IsInt()
  LastSendMsgTime?: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  UnreadMsgNum?: number;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => GroupCustomDataDto)
  @IsArray()
  AppMemberDefinedData?: GroupCustomDataDto[];
}
