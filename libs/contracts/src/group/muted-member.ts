export class MutedMember {
  userId!: string;
  /** Epoch seconds; 4294967295 = permanent. */
  muteUntil!: number;
}
