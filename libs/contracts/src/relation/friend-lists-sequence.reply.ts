export class FriendListsSequenceReply {
  sequence!: number;
}
