import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { GroupIdRequest } from './group-id.request';

/**
 * group_open_avchatroom_http_svc/get_members: a live room's members in join order, 500 a page;
 * `timestamp` 0 first, then the previous answer's `nextTimestamp` (a join time in ms); with
 * `mark`, only the members carrying that mark (modify_user_info).
 */
export class GetRoomMembersRequest extends GroupIdRequest {
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  timestamp!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  mark?: number;
}
