// The rights of GRP-12/GRP-13 as pure functions of (capabilities, actor rank, target role),
// reading the rows of the group-type matrix (group-types.rules.ts).
import { ErrorCode } from '@im/contracts';
import type {
  ApplyJoinOption,
  GroupBaseField,
  GroupFieldLevel,
  GroupMinRank,
  GroupRole,
  GroupTypeCapabilities,
  MemberChangeNotification,
} from '@im/contracts';

// ---------------------------------------------------------------------------------------------
// Ranks

/** Who acts, inside one group: the App admin, a member by role, or a non-member. */
export type ActorRank = 'AppAdmin' | GroupRole | 'NonMember';

const RANK_VALUE: Record<ActorRank | GroupMinRank, number> = {
  NonMember: 0,
  Member: 1,
  Admin: 2,
  Owner: 3,
  AppAdmin: 4,
  Nobody: 5,
};

/** The actor's rank: the App admin above the owner (GRP-10), else the member's role. */
export function actorRank(isAppAdmin: boolean, role: GroupRole | null): ActorRank {
  if (isAppAdmin) return 'AppAdmin';
  return role ?? 'NonMember';
}

/** `rank` is `min` or above (`Nobody` is above everyone, App admin included). */
export function atLeast(rank: ActorRank, min: GroupMinRank): boolean {
  return RANK_VALUE[rank] >= RANK_VALUE[min];
}

/** GRP-13: strictly higher rank. */
export function outranks(actor: ActorRank, target: GroupRole): boolean {
  return RANK_VALUE[actor] > RANK_VALUE[target];
}

function higher(a: GroupMinRank, b: GroupMinRank): GroupMinRank {
  return RANK_VALUE[a] >= RANK_VALUE[b] ? a : b;
}

// ---------------------------------------------------------------------------------------------
// Rights (GRP-12 limited by Table 7-1)

/** T2, GRP-15, AMB-13: may the actor change this base field? */
export function mayEditBaseField(
  caps: GroupTypeCapabilities,
  rank: ActorRank,
  field: GroupBaseField,
): boolean {
  switch (field) {
    case 'Name':
    case 'Introduction':
    case 'Notification':
    case 'FaceUrl':
      return atLeast(rank, caps.baseInfoEditMinRank);
    case 'MaxMemberNum':
      return rank === 'AppAdmin';
    case 'ApplyJoinOption':
    case 'InviteJoinOption':
    case 'HistoryMsgBeforeJoin':
      return atLeast(rank, higher('Admin', caps.baseInfoEditMinRank));
    case 'MuteAllMember':
      return caps.muteSupported && atLeast(rank, higher('Admin', caps.baseInfoEditMinRank));
  }
}

/** T8: may the actor add others to an existing group? */
export function mayAddMembers(caps: GroupTypeCapabilities, rank: ActorRank): boolean {
  return atLeast(rank, caps.addMembersMinRank);
}

/**
 * T12: does the group type support removing members at all? Where nobody, App admin included,
 * may remove (AVChatRoom, BChatRoom), Tencent answers the operation as an invalid parameter
 * (10004: "AVChatRoom does not support deleting group members"), not as a missing permission.
 */
export function memberRemovalSupported(caps: GroupTypeCapabilities): boolean {
  return caps.kickMinRank !== 'Nobody';
}

/**
 * T12 + GRP-13: may the actor remove a member of this role? Nobody removes the owner; an actor
 * removes only lower ranks, except that where ordinary members may remove (a custom type such
 * as `OAGroup`) they may remove ordinary members.
 */
export function mayRemoveMember(
  caps: GroupTypeCapabilities,
  rank: ActorRank,
  target: GroupRole,
): boolean {
  if (!atLeast(rank, caps.kickMinRank) || target === 'Owner') return false;
  if (outranks(rank, target)) return true;
  return caps.kickMinRank === 'Member' && rank === 'Member' && target === 'Member';
}

/** T19 + GRP-13 + AMB-8: may the actor mute a member of this role? */
export function mayMuteMember(
  caps: GroupTypeCapabilities,
  rank: ActorRank,
  target: GroupRole,
): boolean {
  return (
    caps.muteSupported && atLeast(rank, 'Admin') && target !== 'Owner' && outranks(rank, target)
  );
}

/** T5: the App admin always; the owner where the type lets them. */
export function mayDismiss(caps: GroupTypeCapabilities, rank: ActorRank): boolean {
  return rank === 'AppAdmin' || (rank === 'Owner' && caps.ownerMayDismiss);
}

/** T10, GRP-50: anyone but the owner quits; the owner only where the type lets them. */
export function mayQuit(caps: GroupTypeCapabilities, role: GroupRole): boolean {
  return role !== 'Owner' || caps.ownerMayQuit;
}

/** T11, GRP-44: appoint or revoke admins. */
export function maySetRole(caps: GroupTypeCapabilities, rank: ActorRank): boolean {
  return caps.adminsAllowed && atLeast(rank, 'Owner');
}

/** GRP-42, AMB-9: the owner or the App admin, in types with an owner. */
export function mayTransferOwnership(caps: GroupTypeCapabilities, rank: ActorRank): boolean {
  return caps.hasOwner && atLeast(rank, 'Owner');
}

/** GRP-8: approve or reject applications. */
export function mayHandleJoinRequests(rank: ActorRank): boolean {
  return atLeast(rank, 'Admin');
}

/** AMB-14: own card; admins for ordinary members; owner and App admin for everyone. */
export function mayEditNameCard(rank: ActorRank, isSelf: boolean, target: GroupRole): boolean {
  if (isSelf) return true;
  if (atLeast(rank, 'Owner')) return true;
  return rank === 'Admin' && target === 'Member';
}

/** GRP-44: MsgFlag is the member's own choice (the App admin holds every right). */
export function mayEditMsgFlag(rank: ActorRank, isSelf: boolean): boolean {
  return isSelf || rank === 'AppAdmin';
}

/** T6, GRP-48: what an application becomes. */
export function applyOutcome(
  caps: GroupTypeCapabilities,
  option: ApplyJoinOption,
): 'refused' | 'pending' | 'joined' {
  if (!caps.applyAllowed) return 'refused';
  switch (option) {
    case 'DisableApply':
      return 'refused';
    case 'NeedPermission':
      return 'pending';
    case 'FreeAccess':
      return 'joined';
  }
}

/** T7, T6, AMB-18: the ApplyJoinOption a group gets, or a refusal of the asked one. */
export function applyJoinOptionFor(
  caps: GroupTypeCapabilities,
  asked: ApplyJoinOption | undefined,
): { option: ApplyJoinOption } | { refused: string } {
  if (!caps.applyAllowed) return { option: 'DisableApply' }; // ignored (T6)
  if (asked === 'NeedPermission' && !caps.hasOwner && !caps.adminsAllowed)
    return { refused: 'nobody could approve applications in this group type' };
  return { option: asked ?? caps.defaultApplyJoinOption };
}

/** T3, GRP-54: what of the member list the actor gets; `denied` for non-members. */
export function memberListAccess(
  caps: GroupTypeCapabilities,
  rank: ActorRank,
): 'full' | 'partial' | 'none' | 'denied' {
  if (rank === 'NonMember') return 'denied';
  return caps.memberListVisibility;
}

/** GRP-56/57: members and the App admin; non-members for searchable types (T1). */
export function mayReadGroupInfo(caps: GroupTypeCapabilities, rank: ActorRank): boolean {
  return rank !== 'NonMember' || caps.searchable;
}

/** GRP-38, AMB-18: may the actor create a group of the type? */
export function mayCreate(caps: GroupTypeCapabilities, isAppAdmin: boolean): boolean {
  return isAppAdmin || !caps.createdByAppAdminOnly;
}

/** T14 + GRP-51: the type limit, the app's package cap and MaxMemberNum; null = none. */
export function effectiveMemberLimit(
  caps: GroupTypeCapabilities,
  appMemberCap: number | null,
  maxMemberNum: number | null,
): number | null {
  if (caps.memberLimit === null) return null;
  return Math.min(caps.memberLimit, appMemberCap ?? Infinity, maxMemberNum || Infinity);
}

/** T17 (+ Silence, + GRP-40): how members are told of a member change. */
export function memberChangeNotification(
  caps: GroupTypeCapabilities,
  isActive: boolean,
  silence = false,
): MemberChangeNotification {
  if (silence || !isActive) return 'none';
  return caps.memberChangeNotification;
}

/** Notification of other facts (info, roles, mute, owner): shown unless silent or inactive. */
export function factNotification(isActive: boolean, silence = false): MemberChangeNotification {
  return silence || !isActive ? 'none' : 'shown';
}

// ---------------------------------------------------------------------------------------------
// Custom fields (GRP-29, GRP-30, AMB-10d)

const LEVEL_VALUE: Record<GroupFieldLevel, number> = {
  Anyone: 0,
  Member: 1,
  Admin: 2,
  Owner: 3,
  AppAdmin: 4,
};

/** An actor at or above the field's minimum level may (GRP-29). */
export function fieldLevelAllows(level: GroupFieldLevel, rank: ActorRank): boolean {
  return RANK_VALUE[rank] >= LEVEL_VALUE[level];
}

/** Member fields: the self flags on one's own record, the levels on anybody else's (AMB-10d). */
export function memberFieldAllows(
  declaration: {
    readLevel: GroupFieldLevel;
    writeLevel: GroupFieldLevel;
    selfRead: boolean;
    selfWrite: boolean;
  },
  mode: 'read' | 'write',
  rank: ActorRank,
  isSelf: boolean,
): boolean {
  if (isSelf) return mode === 'read' ? declaration.selfRead : declaration.selfWrite;
  return fieldLevelAllows(mode === 'read' ? declaration.readLevel : declaration.writeLevel, rank);
}

// ---------------------------------------------------------------------------------------------
// Sending (T19, T20) — answered to the messaging service

export interface SendVerdict {
  code: number;
  message: string;
}

/**
 * Whether a sender may post now: the App admin always; otherwise the type must let members
 * send (T20), the sender must be a member, not muted (T19), and not silenced by an all-member
 * mute unless owner or admin.
 */
export function sendVerdict(
  caps: GroupTypeCapabilities,
  isAppAdmin: boolean,
  member: { role: GroupRole; muteUntil: number } | null,
  muteAllMember: boolean,
  now: number,
): SendVerdict {
  if (isAppAdmin) return { code: ErrorCode.Ok, message: '' };
  if (caps.sendMinRank === 'AppAdmin' || caps.sendMinRank === 'Nobody')
    return { code: ErrorCode.GroupPermissionDenied, message: 'only the App admin sends here' };
  if (!member) return { code: ErrorCode.GroupPermissionDenied, message: 'not a member' };
  if (!atLeast(member.role, caps.sendMinRank))
    return { code: ErrorCode.GroupPermissionDenied, message: 'this role may not send here' };
  if (member.muteUntil > now)
    return { code: ErrorCode.GroupSenderMuted, message: 'the sender is muted' };
  if (muteAllMember && member.role === 'Member')
    return { code: ErrorCode.GroupSenderMuted, message: 'all members are muted' };
  return { code: ErrorCode.Ok, message: '' };
}
