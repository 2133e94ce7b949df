import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString } from 'class-validator';

import { GroupIdRequest } from './group-id.request';

/** Administrators a live room has at most (modify_admin). */
export const ROOM_ADMINS_MAX = 5;

/** modify_admin: `set` makes the accounts administrators of the live room, `unset` undoes it. */
export class ModifyRoomAdminsRequest extends GroupIdRequest {
  @IsIn(['set', 'unset'])
  op!: 'set' | 'unset';

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROOM_ADMINS_MAX)
  @IsString({ each: true })
  userIds!: string[];
}
