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

import { GroupBanLimits, Utf8Bytes } from '@im/contracts';

/** unban_group_member: `Members_Account` (1–20). */
export class UnbanGroupMemberDto {
  @IsString()
  GroupId!: string;

  @IsString({ each: true })
  @ArrayMaxSize(GroupBanLimits.accountsMax)
  @ArrayMinSize(1)
  @IsArray()
  Members_Account!: string[];
}

/** ban_group_member: `Duration` seconds (uint32), `Description` at most 1,000 bytes. */
export class BanGroupMemberDto extends UnbanGroupMemberDto {
  @Max(GroupBanLimits.durationMax)
  @Min(1)
  @IsInt()
  Duration!: number;

  @IsOptional()
  @Utf8Bytes(0, GroupBanLimits.descriptionMaxBytes)
  Description?: string;
}

/** get_group_ban_member: `Offset` (0 first, then `NextOffset`), `Limit` at most 100. */
export class GetGroupBanMemberDto {
  @IsString()
  GroupId!: string;

  @IsOptional()
  @Max(GroupBanLimits.pageMax)
  @Min(1)
  @IsInt()
  Limit?: number;

  @Min(0)
  @IsInt()
  Offset!: number;
}
