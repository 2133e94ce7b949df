export class MuteMembersReply {
  /** Epoch seconds until which they are muted; 0 = unmuted. */
  muteUntil!: number;
  /** The members whose mute was set (non-members are skipped). */
  userIds!: string[];
}
