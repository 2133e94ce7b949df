import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';

import { CHECK_ROOM_MEMBERS_MAX, ROOM_ADMINS_MAX } from '@im/contracts';

/**
 * get_members (`group_open_avchatroom_http_svc`): `Timestamp` 0 first, then `NextTimestamp`.
 * Member marks (modify_user_info) are not built, so a `Mark` filter is refused (10004) rather
 * than answered with every member.
 */
export class GetRoomMembersDto {
  @IsString()
  GroupId!: string;

  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  @IsInt()
  Timestamp!: number;

  @IsOptional()
  @IsIn([])
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
