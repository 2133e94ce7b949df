import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

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
