import type { GroupCustomDataItem } from './group-custom-data-item';
import type { GroupRole, MsgFlag } from './group.enums';

/** A member as the group service answers it (GRP-20). */
export class GroupMemberView {
  userId!: string;
  role!: GroupRole;
  /** Epoch seconds. */
  joinTime!: number;
  /** Seq of the last message the member read. */
  msgSeq!: number;
  msgFlag!: MsgFlag;
  /** Epoch seconds; 0 = never sent. */
  lastSendMsgTime!: number;
  /** Epoch seconds until which the member is muted; 0 = not muted; 4294967295 = permanent. */
  muteUntil!: number;
  nameCard!: string;
  /** Member custom fields the caller asked for and may read. */
  customData!: GroupCustomDataItem[];
}
