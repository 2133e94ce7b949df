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

import { ApplyJoinOptions, GroupLimits, InviteJoinOptions, Utf8Bytes } from '@im/contracts';
import type { ApplyJoinOption, InviteJoinOption } from '@im/contracts';

import { GroupCustomDataDto } from './group-custom-data.dto';

/** `import_group` (rest-api.md §7.18): create_group's fields without `MemberList`, plus `CreateTime`. */
export class ImportGroupDto {
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

  @IsOptional()
  @Min(0)
  @Max(0xffffffff)
  @IsInt()
  CreateTime?: number;
}
