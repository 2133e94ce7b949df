/** One ban in force: who, and until when (UNIX seconds). */
export interface BannedMember {
  userId: string;
  bannedUntil: number;
}

/** A page of bans, oldest first; `nextOffset` 0 when it is the last page. */
export class GetBannedReply {
  banned!: BannedMember[];
  nextOffset!: number;
}
