/** The five built-in group types (docs/requirements.md GRP-1, docs/rest-api.md §2.6). */
export const BuiltinGroupTypes = [
  'Private',
  'Public',
  'ChatRoom',
  'AVChatRoom',
  'BChatRoom',
  'Community',
] as const;
export type BuiltinGroupType = (typeof BuiltinGroupTypes)[number];

/** Newer names a caller may send for a built-in type (docs/rest-api.md §2.6); answers use the old ones. */
export const GroupTypeAliases: Readonly<Record<string, BuiltinGroupType>> = {
  Work: 'Private',
  Meeting: 'ChatRoom',
};

/** The type a caller named, with `Work`/`Meeting` read as `Private`/`ChatRoom`. */
export function canonicalGroupType(type: string): string {
  return GroupTypeAliases[type] ?? type;
}

export function isBuiltinGroupType(type: string): type is BuiltinGroupType {
  return (BuiltinGroupTypes as readonly string[]).includes(type);
}

/** Roles stored on a member (GRP-7). */
export const GroupRoles = ['Owner', 'Admin', 'Member'] as const;
export type GroupRole = (typeof GroupRoles)[number];

/** `get_role_in_group` also answers `NotMember`. */
export type GroupRoleOrNone = GroupRole | 'NotMember';

/** Message receive options of a member (GRP-21). */
export const MsgFlags = ['AcceptAndNotify', 'AcceptNotNotify', 'Discard'] as const;
export type MsgFlag = (typeof MsgFlags)[number];

/** How applications to join are handled (GRP-19). */
export const ApplyJoinOptions = ['FreeAccess', 'NeedPermission', 'DisableApply'] as const;
export type ApplyJoinOption = (typeof ApplyJoinOptions)[number];

/** Newer `InviteJoinOption` (stored and answered; built-in types have no consent flow, AMB-5). */
export const InviteJoinOptions = ['FreeAccess', 'NeedPermission', 'DisableInvite'] as const;
export type InviteJoinOption = (typeof InviteJoinOptions)[number];

/**
 * Who may do something, lowest first: a minimum rank. `AppAdmin` = only the App admin,
 * `Nobody` = not even the App admin (e.g. adding members to an AVChatRoom, T8).
 */
export const GroupActorRanks = ['Member', 'Admin', 'Owner', 'AppAdmin', 'Nobody'] as const;
export type GroupMinRank = (typeof GroupActorRanks)[number];

/** Minimum read/write levels of a custom field (GRP-29), highest first in the spec. */
export const GroupFieldLevels = ['AppAdmin', 'Owner', 'Admin', 'Member', 'Anyone'] as const;
export type GroupFieldLevel = (typeof GroupFieldLevels)[number];

/** What clients can fetch of the member list (T3). */
export const MemberListVisibilities = ['full', 'partial', 'none'] as const;
export type MemberListVisibility = (typeof MemberListVisibilities)[number];

/** The member-change notification of a type (T17): shown, only updates lists, or none. */
export const MemberChangeNotifications = ['shown', 'silent', 'none'] as const;
export type MemberChangeNotification = (typeof MemberChangeNotifications)[number];

/**
 * Where members live: `table` = a PostgreSQL row per member (finite types); `room` = a Redis
 * set per group (AVChatRoom, BChatRoom: unlimited, short-lived viewers).
 */
export type GroupMemberStorage = 'table' | 'room';

/** Which creation quota a type counts against (T15). */
export type GroupCreationQuota = 'daily' | 'bchatroom';

/** The per-app feature switch a type needs (T28, PLT-8). */
export type GroupFeatureSwitch = 'avChatRoom' | 'bChatRoom';

/** Base info fields a modify may touch (GRP-14). */
export const GroupBaseFields = [
  'Name',
  'Introduction',
  'Notification',
  'FaceUrl',
  'MaxMemberNum',
  'ApplyJoinOption',
  'InviteJoinOption',
  'MuteAllMember',
  'HistoryMsgBeforeJoin',
] as const;
export type GroupBaseField = (typeof GroupBaseFields)[number];

/** How a member came in, as carried by `group.evt.member-joined`. */
export const JoinKinds = ['created', 'added', 'applied', 'approved', 'imported'] as const;
export type JoinKind = (typeof JoinKinds)[number];

/** Why members left, as carried by `group.evt.member-left`. */
export const LeaveKinds = ['quit', 'account-deleted'] as const;
export type LeaveKind = (typeof LeaveKinds)[number];

/** Per-member results of `add_group_member` / `import_group_member` (docs/error-codes.md §10). */
export const MemberResults = { Failed: 0, Added: 1, AlreadyMember: 2, AwaitingInvitee: 3 } as const;
export type MemberResult = (typeof MemberResults)[keyof typeof MemberResults];
