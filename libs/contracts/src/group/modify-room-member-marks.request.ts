import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { GroupIdRequest } from './group-id.request';

/** Member marks of live rooms (modify_user_info), as Tencent documents them. */
export const RoomMarkLimits = {
  /** Accounts one modify_user_info names at most. */
  accountsMax: 500,
  /** Different marks a live room holds at most. */
  marksPerRoomMax: 10,
  /** Members one mark is set on at most. */
  membersPerMarkMax: 1000,
  /** The smallest mark (marks are numbers ≥ 1000). */
  markMin: 1000,
  /** The largest mark (an unsigned 32-bit number). */
  markMax: 0xffffffff,
} as const;

/** One account of modify_user_info and the marks to set on it or take off it. */
export class RoomMemberMarks {
  @IsString()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RoomMarkLimits.marksPerRoomMax)
  @IsInt({ each: true })
  @Min(RoomMarkLimits.markMin, { each: true })
  @Max(RoomMarkLimits.markMax, { each: true })
  marks!: number[];
}

/**
 * group_open_avchatroom_http_svc/modify_user_info: `set` adds the marks to each named member of
 * the live room, `unset` takes them off. Marks live with the membership: they go when the
 * member leaves the room.
 */
export class ModifyRoomMemberMarksRequest extends GroupIdRequest {
  @IsIn(['set', 'unset'])
  op!: 'set' | 'unset';

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RoomMarkLimits.accountsMax)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RoomMemberMarks)
  members!: RoomMemberMarks[];
}

/** The accounts modify_user_info changed (members of the room), with the marks asked. */
export class ModifyRoomMemberMarksReply {
  members!: { userId: string; marks: number[] }[];
}
