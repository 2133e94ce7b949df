import type { GroupCustomDataItem } from './group-custom-data-item';
import type { GroupMemberView } from './group-member-view';
import type { ApplyJoinOption, InviteJoinOption } from './group.enums';

/** A group's information as the group service answers it (GRP-14). */
export class GroupView {
  /** The app (REST answers it as `Appid`). */
  sdkAppId!: number;
  groupId!: string;
  /** The type as stored (`Private`, never the alias `Work`; or a custom type). */
  type!: string;
  name!: string;
  introduction!: string;
  notification!: string;
  faceUrl!: string;
  /** null: the group has no owner (BChatRoom, created without one, or the owner left). */
  ownerId!: string | null;
  /** Epoch seconds. */
  createTime!: number;
  infoSeq!: number;
  lastInfoTime!: number;
  lastMsgTime!: number;
  nextMsgSeq!: number;
  memberNum!: number;
  /** 0 for types without a member limit. */
  maxMemberNum!: number;
  applyJoinOption!: ApplyJoinOption;
  inviteJoinOption!: InviteJoinOption | null;
  muteAllMember!: boolean;
  /**
   * HistoryMsgBeforeJoin: members read the messages sent before they joined (the group's own
   * setting, else its type's default).
   */
  historyMsgBeforeJoin!: boolean;
  /** A Community created with SupportTopic 1 holds topics; absent for other types. */
  supportTopic?: boolean;
  /** False for a Private group before its first message (T18). */
  isActive!: boolean;
  /** Group custom fields the caller asked for and may read. */
  customData!: GroupCustomDataItem[];
  /** Present when members were asked for (what T3 lets the caller see). */
  members?: GroupMemberView[];
}
