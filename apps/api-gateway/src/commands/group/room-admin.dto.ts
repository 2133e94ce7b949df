import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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

import { CHECK_ROOM_MEMBERS_MAX, ROOM_ADMINS_MAX, RoomMarkLimits } from '@im/contracts';

/**
 * get_members (`group_open_avchatroom_http_svc`): `Timestamp` 0 first, then `NextTimestamp`;
 * `Mark` answers only the members carrying that mark (modify_user_info).
 */
export class GetRoomMembersDto {
  @IsString()
  GroupId!: string;

  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  @IsInt()
  Timestamp!: number;

  @IsOptional()
  @Max(RoomMarkLimits.markMax)
  @Min(0)
  @IsInt()
  Mark?: number;
}

/** check_members: `Member_Account` (1–500 user IDs). */
export class CheckRoomMembersDto {
  @IsString()
  GroupId!: string;

  @IsString({ each: true })
  @ArrayMaxSize(CHECK_ROOM_MEMBERS_MAX)
  @ArrayMinSize(1)
  @IsArray()
  Member_Account!: string[];
}

/** modify_admin: `CommandType` 1 set, 2 unset; `Admin_Account` 1–5 user IDs. */
export class ModifyRoomAdminDto {
  @IsString()
  GroupId!: string;

  @IsIn([1, 2])
  CommandType!: 1 | 2;

  @IsString({ each: true })
  @ArrayMaxSize(ROOM_ADMINS_MAX)
  @ArrayMinSize(1)
  @IsArray()
  Admin_Account!: string[];
}

/** get_admin_list: `GroupId`. */
export class RoomGroupIdDto {
  @IsString()
  GroupId!: string;
}

/** An account of modify_user_info: `Member_Account` and its `Marks` (1–10 numbers ≥ 1000). */
export class RoomMemberMarksDto {
  @IsString()
  Member_Account!: string;

  @Max(RoomMarkLimits.markMax, { each: true })
  @Min(RoomMarkLimits.markMin, { each: true })
  @IsInt({ each: true })
  @ArrayMaxSize(RoomMarkLimits.marksPerRoomMax)
  @ArrayMinSize(1)
  @IsArray()
  Marks!: number[];
}

/** modify_user_info: `CommandType` 1 sets the marks, 2 deletes them; `MemberList` 1–500. */
export class ModifyRoomUserInfoDto {
  @IsString()
  GroupId!: string;

  @IsIn([1, 2])
  CommandType!: 1 | 2;

  @Type(() => RoomMemberMarksDto)
  @ValidateNested({ each: true })
  @IsObject({ each: true })
  @ArrayMaxSize(RoomMarkLimits.accountsMax)
  @ArrayMinSize(1)
  @IsArray()
  MemberList!: RoomMemberMarksDto[];
}
