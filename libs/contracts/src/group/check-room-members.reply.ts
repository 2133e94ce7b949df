/** The asked users who are in the live room, in the order asked. */
export class CheckRoomMembersReply {
  userIds!: string[];
}
