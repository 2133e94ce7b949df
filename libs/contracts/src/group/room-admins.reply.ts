/** A live room's administrators with their nick and avatar, in the order they were set. */
export class RoomAdminsReply {
  admins!: { userId: string; nickName: string; avatar: string }[];
}
