// Pure rules of members: the per-user result of an add or import, and changing one member
// (modify_group_member_info, GRP-44): who may change what of whom, and the patch it makes. No I/O; unit-tested in group-member.rules.spec.ts.
import { ErrorCode, isValidUserId, MemberResults } from '@im/contracts';
import type { GroupTypeCapabilities, MemberResultItem, ModifyMemberRequest } from '@im/contracts';

import { GroupError } from './group.errors';
import type { MemberPatch } from './group-member.repository';
import {
  mayEditMsgFlag,
  mayEditNameCard,
  mayMuteMember,
  maySetRole,
} from './group-permissions.rules';
import type { ActorRank } from './group-permissions.rules';
import { applyMemberCustomData, muteUntilFor } from './group.rules';
import type { MemberRow } from './group.schema';
import type { GroupSettings } from './group-settings.reader';
import type { Admission } from './member-admission.service';

/** The actor changing a member: their rank, and whether the member is themself. */
export interface MemberEditor {
  rank: ActorRank;
  isSelf: boolean;
}

/**
 * Why the editor may not make the asked change to the target, or undefined, checked in this
 * order: role (T11, never the owner's), MsgFlag (one's own), NameCard, mute (T19, GRP-13),
 * then member custom fields (T27).
 */
export function modifyMemberProblem(
  caps: GroupTypeCapabilities,
  groupType: string,
  editor: MemberEditor,
  target: Pick<MemberRow, 'userId' | 'role'>,
  req: ModifyMemberRequest,
): GroupError | undefined {
  const { rank, isSelf } = editor;
  if (req.role != null) {
    if (!maySetRole(caps, rank))
      return GroupError.forbidden(`${rank} may not set roles in a ${groupType} group`);
    if (target.role === 'Owner')
      return GroupError.forbidden("the owner's role changes only by transfer");
  }
  if (req.msgFlag != null && !mayEditMsgFlag(rank, isSelf))
    return GroupError.forbidden('MsgFlag is the member’s own setting');
  if (req.nameCard != null && !mayEditNameCard(rank, isSelf, target.role))
    return GroupError.forbidden(
      `${rank} may not change the NameCard of ${target.role} ${target.userId}`,
    );
  if (req.muteTime != null && !mayMuteMember(caps, rank, target.role))
    return GroupError.forbidden(`${rank} may not mute ${target.role} ${target.userId} here`);
  if (req.customData?.length && !caps.memberCustomFields)
    return GroupError.invalid(`${groupType} groups have no member custom fields`);
  return undefined;
}

/** What a checked modify changes: the patch, the info fields it reports, a new mute end. */
export interface MemberChange {
  patch: MemberPatch;
  /** `MsgFlag`, `NameCard`, `AppMemberDefinedData` when they change. */
  infoChanged: string[];
  muteUntil?: number;
}

/**
 * The change a modify makes to the target (`now` in epoch seconds): values that differ, a mute
 * whatever it was, custom fields by their declarations. Throws the first problem
 * (`modifyMemberProblem`, then the custom fields' keys, sizes and levels).
 */
export function memberChangeOf(
  caps: GroupTypeCapabilities,
  settings: Pick<GroupSettings, 'memberFields'>,
  groupType: string,
  editor: MemberEditor,
  target: MemberRow,
  req: ModifyMemberRequest,
  now: number,
): MemberChange {
  const problem = modifyMemberProblem(caps, groupType, editor, target, req);
  if (problem) throw problem;
  const patch: MemberPatch = {};
  const infoChanged: string[] = [];
  if (req.role != null && req.role !== target.role) patch.role = req.role;
  if (req.msgFlag != null && req.msgFlag !== target.msgFlag) {
    patch.msgFlag = req.msgFlag;
    infoChanged.push('MsgFlag');
  }
  if (req.nameCard != null && req.nameCard !== target.nameCard) {
    patch.nameCard = req.nameCard;
    infoChanged.push('NameCard');
  }
  const muteUntil = req.muteTime != null ? muteUntilFor(now, req.muteTime) : undefined;
  if (muteUntil !== undefined) patch.muteUntil = muteUntil;
  if (req.customData?.length) {
    const fields = settings.memberFields(groupType);
    const custom = applyMemberCustomData(
      target.customData,
      req.customData,
      fields,
      editor.rank,
      editor.isSelf,
    );
    if (custom.changedKeys.length) {
      patch.customData = custom.data;
      infoChanged.push('AppMemberDefinedData');
    }
  }
  return { patch, infoChanged, muteUntil };
}

/** The per-user result of an add or import (docs/error-codes.md §10). */
export function resultOf(
  userId: string,
  admission: Admission,
  missing: Set<string>,
): MemberResultItem {
  if (!isValidUserId(userId))
    return { userId, result: MemberResults.Failed, code: ErrorCode.GroupInvalidParameter };
  if (missing.has(userId))
    return { userId, result: MemberResults.Failed, code: ErrorCode.GroupAccountNotFound };
  if (admission.added.includes(userId)) return { userId, result: MemberResults.Added, code: 0 };
  if (admission.alreadyMembers.includes(userId))
    return { userId, result: MemberResults.AlreadyMember, code: 0 };
  if (admission.overQuota.includes(userId))
    return { userId, result: MemberResults.Failed, code: ErrorCode.UserGroupQuotaExceeded };
  if (admission.banned.includes(userId))
    return { userId, result: MemberResults.Failed, code: ErrorCode.GroupPermissionDenied };
  return { userId, result: MemberResults.Failed, code: ErrorCode.GroupInternalError };
}

/** How far ahead of the server's clock an imported JoinTime may be (the backend's clock skew). */
export const IMPORT_CLOCK_SKEW_SECONDS = 60;

/**
 * Why an imported member is refused (import_group_member, per item `Result` 0), or 0: an
 * invalid user ID, `Admin` where the type has none, a `JoinTime` before the group was created
 * or in the future (10004).
 */
export function importRefusal(
  m: { userId: string; role?: string; joinTime?: number },
  group: { adminsAllowed: boolean; createTime: number },
  now: number,
): number {
  if (!isValidUserId(m.userId)) return ErrorCode.GroupInvalidParameter;
  if (m.role === 'Admin' && !group.adminsAllowed) return ErrorCode.GroupPermissionDenied;
  if (
    m.joinTime !== undefined &&
    (m.joinTime < group.createTime || m.joinTime > now + IMPORT_CLOCK_SKEW_SECONDS)
  )
    return ErrorCode.GroupInvalidParameter;
  return 0;
}

/** An imported member's read position and unread count as of messaging's last seq. */
export interface ImportedPosition {
  readSeq: number;
  unread: number;
}

/**
 * Read positions of imported members against messaging's line at `anchor.lastSeq`: with
 * `UnreadMsgNum` the position messaging resolved for it (`anchor.readSeqs` / `unreads`, in the
 * order of the members that have one), with `MsgSeq` that seq, else everything read.
 */
export function importedPositions(
  members: { userId: string; msgSeq?: number; unreadMsgNum?: number }[],
  anchor: { lastSeq: number; readSeqs: number[]; unreads: number[] },
): Map<string, ImportedPosition> {
  const positions = new Map<string, ImportedPosition>();
  let k = 0;
  for (const m of members) {
    if (m.unreadMsgNum !== undefined) {
      positions.set(m.userId, { readSeq: anchor.readSeqs[k], unread: anchor.unreads[k] });
      k++;
      continue;
    }
    const readSeq = Math.min(m.msgSeq ?? anchor.lastSeq, anchor.lastSeq);
    positions.set(m.userId, { readSeq, unread: anchor.lastSeq - readSeq });
  }
  return positions;
}
