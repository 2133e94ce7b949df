import type { GroupTypeCapabilities } from './group-type-capabilities';
import type { SendContextMember } from './send-context-member';

export class SendContextReply {
  groupId!: string;
  type!: string;
  capabilities!: GroupTypeCapabilities;
  ownerId!: string | null;
  isActive!: boolean;
  muteAllMember!: boolean;
  /** Members read the messages sent before they joined (HistoryMsgBeforeJoin, else T16). */
  historyMsgBeforeJoin!: boolean;
  nextMsgSeq!: number;
  /** When the group was created (UNIX s): nothing of it (imported messages, joins) is older. */
  createTime!: number;
  /** null: the sender is the App admin or not a member. */
  sender!: SendContextMember | null;
  /**
   * 0 when the sender may send now; else the code to answer (10007 not a member or not
   * allowed by T20, 10017 muted or all-member mute).
   */
  refusalCode!: number;
  refusal!: string;
}
