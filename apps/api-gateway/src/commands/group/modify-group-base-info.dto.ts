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

/**
 * `modify_group_base_info` (docs/rest-api.md §7.5); `ShutUpAllMember` is an alias of
 * `MuteAllMember`. `From_Account`: act as that user.
 */
export class ModifyGroupBaseInfoDto {
  @IsString()
  GroupId!: string;

  @IsOptional()
  @Utf8Bytes(1, GroupLimits.nameMaxBytes)
  Name?: string;

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
  MaxMemberNum?: number;

  @IsOptional()
  @IsIn(ApplyJoinOptions)
  ApplyJoinOption?: ApplyJoinOption;

  @IsOptional()
  @IsIn(InviteJoinOptions)
  InviteJoinOption?: InviteJoinOption;

  @IsOptional()
  @IsIn(['On', 'Off'])
  MuteAllMember?: 'On' | 'Off';

  /** Whether members joining later read the messages sent before they joined. */
  @IsOptional()
  @IsIn(['On', 'Off'])
  HistoryMsgBeforeJoin?: 'On' | 'Off';

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => GroupCustomDataDto)
  @IsArray()
  AppDefinedData?: GroupCustomDataDto[];

  @IsOptional()
  @IsString()
  From_Account?: string;
}
