/** A member of a live room with the profile fields get_members answers. */
export interface RoomMemberView {
  userId: string;
  /** UNIX seconds. */
  joinTime: number;
  nickName: string;
  avatar: string;
  /** Its marks (modify_user_info), ascending; absent when it has none. */
  marks?: number[];
}

/** A page of a live room's members; `nextTimestamp` 0 when it was the last. */
export class GetRoomMembersReply {
  members!: RoomMemberView[];
  nextTimestamp!: number;
}
