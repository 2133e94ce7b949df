export class FriendRequestHandledReply {
  fromUserId!: string;
  toUserId!: string;
}
