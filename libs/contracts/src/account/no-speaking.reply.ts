/** One user's global mute. */
export class NoSpeakingItem {
  userId!: string;
  /** The account exists (an unknown one reads as muted for ever, the documented quirk). */
  exists!: boolean;
  /** End of the C2C mute, epoch s: 0 = none, `NoSpeaking.foreverUntil` = permanent. */
  c2cMuteUntil!: number;
  groupMuteUntil!: number;
  /** What getnospeaking answers: seconds left, 0 = none, 4294967295 = permanent. */
  c2cSeconds!: number;
  groupSeconds!: number;
}

/** get-no-speaking: the global mute of each asked user, in the order asked. */
export class NoSpeakingReply {
  items!: NoSpeakingItem[];
}
