import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { GroupIdRequest } from './group-id.request';

/** Accounts check_members asks about at most (Tencent documents no bound; inputs are bounded). */
export const CHECK_ROOM_MEMBERS_MAX = 500;

/** group_open_avchatroom_http_svc/check_members: which of these users are in the live room. */
export class CheckRoomMembersRequest extends GroupIdRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CHECK_ROOM_MEMBERS_MAX)
  @IsString({ each: true })
  userIds!: string[];
}
