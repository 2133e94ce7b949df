import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import {
  ApplyJoinOptions,
  ErrorCode,
  GroupLimits,
  InviteJoinOptions,
  Utf8Bytes,
} from '@im/contracts';
import type { ApplyJoinOption, InviteJoinOption } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { GroupCustomDataDto } from './group-custom-data.dto';
import { GroupMemberItemDto } from './group-member-item.dto';

/**
 * The group fields `create_group` and `import_group` share (docs/rest-api.md §7.2, §7.18). The
 * capacity is `MaxMemberCount` here (modify and get use `MaxMemberNum`).
 */
export class GroupFieldsDto {
  @IsString()
  Type!: string;

  @Utf8Bytes(1, GroupLimits.nameMaxBytes)
  Name!: string;

  @IsOptional()
  @IsString()
  Owner_Account?: string;

  @IsOptional()
  @IsString()
  GroupId?: string;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.introductionMaxBytes)
  Introduction?: string;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.notificationMaxBytes)
  Notification?: string;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.faceUrlMaxBytes)
  FaceUrl?: string;

  @IsOptional()
  @Min(1)
  @Max(0xffffffff)
  @IsInt()
  MaxMemberCount?: number;

  @IsOptional()
  @IsIn(ApplyJoinOptions)
  ApplyJoinOption?: ApplyJoinOption;

  @IsOptional()
  @IsIn(InviteJoinOptions)
  InviteJoinOption?: InviteJoinOption;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => GroupCustomDataDto)
  @IsArray()
  AppDefinedData?: GroupCustomDataDto[];
}

/** `create_group` (docs/rest-api.md §7.2). `From_Account` (optional) creates as that user, who becomes the owner. */
export class CreateGroupDto extends GroupFieldsDto {
  @IsOptional()
  @ArrayMaxSize(GroupLimits.createMaxMembers, withCode(ErrorCode.GroupTooManyAccounts))
  @ValidateNested({ each: true })
  @Type(() => GroupMemberItemDto)
  @IsArray()
  MemberList?: GroupMemberItemDto[];

  /** 1: a Community whose members talk in topics (Community only; 0 or absent: none). */
  @IsOptional()
  @IsIn([0, 1])
  SupportTopic?: 0 | 1;

  /** Member custom fields of the owner. */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => GroupCustomDataDto)
  @IsArray()
  AppMemberDefinedData?: GroupCustomDataDto[];

  @IsOptional()
  @IsString()
  From_Account?: string;
}
