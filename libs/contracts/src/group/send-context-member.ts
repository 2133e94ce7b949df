import type { GroupRole, MsgFlag } from './group.enums';

/** The sender's member record, as messaging needs it. */
export class SendContextMember {
  role!: GroupRole;
  joinTime!: number;
  /** Epoch seconds; 0 = not muted. */
  muteUntil!: number;
  msgFlag!: MsgFlag;
  /** Read seq. */
  msgSeq!: number;
  /** The member's NameCard in this group; '' when none (MSG-10: group messages carry it). */
  nameCard!: string;
}
