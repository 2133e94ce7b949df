export class PeerUnread {
  peerId!: string;
  unread!: number;
}
