import type {
  ApplyJoinOption,
  BuiltinGroupType,
  GroupCreationQuota,
  GroupFeatureSwitch,
  GroupMemberStorage,
  GroupMinRank,
  MemberChangeNotification,
  MemberListVisibility,
  MsgFlag,
} from './group.enums';

/**
 * What a group type allows: one row of Table 7-1 (docs/requirements.md §7.2) as data, column by column
 * (`T1` … `T28`). Built-in rows live in the group service; an app may override them or add
 * custom types (GRP-36). Answered by `group.rpc.get-type-capabilities` for the messaging side.
 */
export class GroupTypeCapabilities {
  /** The type name (`Public`, or a custom name such as `OAGroup`). */
  type!: string;
  /** The built-in type it is assembled from; decides storage, quota and feature switch. */
  baseType!: BuiltinGroupType;
  /** Where its members are kept (finite types: PostgreSQL; unlimited: Redis). */
  storage!: GroupMemberStorage;
  /** T1: exact search by GroupId for non-members (no type has fuzzy search). */
  searchable!: boolean;
  /** T2: lowest rank that may edit Name, Introduction, Notification, FaceUrl. */
  baseInfoEditMinRank!: GroupMinRank;
  /** T3: what of the member list can be fetched. */
  memberListVisibility!: MemberListVisibility;
  /** T4: the type has an owner. */
  hasOwner!: boolean;
  /** T4 / T11: admins can be appointed. */
  adminsAllowed!: boolean;
  /** T5: the owner may dismiss (the App admin always may). */
  ownerMayDismiss!: boolean;
  /** T6: users may apply to join (as ApplyJoinOption says). */
  applyAllowed!: boolean;
  /** T7: ApplyJoinOption when creation names none (`DisableApply` where nobody can apply). */
  defaultApplyJoinOption!: ApplyJoinOption;
  /** T8: lowest rank that may add others to an existing group. */
  addMembersMinRank!: GroupMinRank;
  /** T9: initial members may be given at creation. */
  initialMembersAllowed!: boolean;
  /** T10: the owner may quit (leaving the group without owner). */
  ownerMayQuit!: boolean;
  /** T12: lowest rank that may remove members (rank rules GRP-13 apply on top). */
  kickMinRank!: GroupMinRank;
  /** T13: periodic removal of offline members (off by default everywhere; GRP-62). */
  offlineMemberCleanup!: boolean;
  /** T14: member limit; null = none. */
  memberLimit!: number | null;
  /** T15: the creation quota the type counts against. */
  creationQuota!: GroupCreationQuota;
  /** T16: messages sent before joining are visible. */
  preJoinHistoryVisible!: boolean;
  /** T17: member-change notification. */
  memberChangeNotification!: MemberChangeNotification;
  /** T18: the group is invisible to members other than the owner until the first message. */
  needsActivation!: boolean;
  /** T19: members can be muted. */
  muteSupported!: boolean;
  /** T20: lowest rank that may send (`Member` = members not muted; `AppAdmin` = App admin only). */
  sendMinRank!: GroupMinRank;
  /** T21: a new member's MsgFlag. */
  defaultMsgFlag!: MsgFlag;
  /** T22: unread counts are kept. */
  unreadSupported!: boolean;
  /** T23: guests (not logged in) receive messages. */
  guestReceive!: boolean;
  /** T24: days of roaming history (0 = none). */
  roamingDays!: number;
  /** T25: groups, members and messages may be imported. */
  importAllowed!: boolean;
  /** T26: automatic recycling of inactive groups (off by default everywhere; GRP-61). */
  autoRecycle!: boolean;
  /** T27: member-dimension custom fields. */
  memberCustomFields!: boolean;
  /** T28: the per-app feature switch the type needs; null = none. */
  featureSwitch!: GroupFeatureSwitch | null;
  /** AMB-18: only the App admin may create groups of the type (BChatRoom). */
  createdByAppAdminOnly!: boolean;
}
