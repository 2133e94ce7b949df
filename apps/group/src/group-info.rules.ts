// Pure rules of changing a group's base info (modify_group_base_info). No I/O; unit-tested in
// group-info.rules.spec.ts.
import type { GroupBaseField, GroupTypeCapabilities, ModifyGroupRequest } from '@im/contracts';

import { GroupError } from './group.errors';
import {
  applyJoinOptionFor,
  effectiveMemberLimit,
  mayEditBaseField,
} from './group-permissions.rules';
import type { ActorRank } from './group-permissions.rules';
import type { GroupInfoPatch } from './group.repository';
import { applyGroupCustomData } from './group.rules';
import type { GroupRow } from './group.schema';
import type { GroupSettings } from './group-settings.reader';

// ---------------------------------------------------------------------------------------------
// modify_group_base_info (GRP-43, T2, GRP-15, AMB-13)

/** The base fields a modify asks to set, in the order changes are reported. */
function askedFields(req: ModifyGroupRequest): [GroupBaseField, unknown][] {
  return [
    ['Name', req.name],
    ['Introduction', req.introduction],
    ['Notification', req.notification],
    ['FaceUrl', req.faceUrl],
    ['MaxMemberNum', req.maxMemberNum],
    ['ApplyJoinOption', req.applyJoinOption],
    ['InviteJoinOption', req.inviteJoinOption],
    ['MuteAllMember', req.muteAllMember],
    ['HistoryMsgBeforeJoin', req.historyMsgBeforeJoin],
  ];
}

/**
 * Why the actor may not change the asked base fields of the group, or undefined: each asked
 * field needs its T2 rank (10007), MaxMemberNum stays within the limit, ApplyJoinOption must
 * be possible, and room types take no InviteJoinOption nor HistoryMsgBeforeJoin (10004: their
 * messages are not kept).
 */
export function modifyInfoProblem(
  caps: GroupTypeCapabilities,
  rank: ActorRank,
  groupType: string,
  req: ModifyGroupRequest,
  settings: Pick<GroupSettings, 'memberCap'>,
): GroupError | undefined {
  for (const [field, value] of askedFields(req)) {
    if (value === undefined || value === null) continue;
    if (!mayEditBaseField(caps, rank, field))
      return GroupError.forbidden(`${rank} may not change ${field} of a ${groupType} group`);
  }
  if (req.maxMemberNum != null && caps.memberLimit !== null) {
    const limit = effectiveMemberLimit(caps, settings.memberCap, null) ?? 0;
    if (req.maxMemberNum > limit) return GroupError.invalid(`MaxMemberNum may be at most ${limit}`);
  }
  if (req.applyJoinOption != null && caps.applyAllowed) {
    const apply = applyJoinOptionFor(caps, req.applyJoinOption);
    if ('refused' in apply) return GroupError.invalid(apply.refused);
  }
  if (req.inviteJoinOption != null && caps.storage === 'room')
    return GroupError.invalid(`InviteJoinOption is not for ${groupType} groups`);
  if (req.historyMsgBeforeJoin != null && caps.storage === 'room')
    return GroupError.invalid(`HistoryMsgBeforeJoin is not for ${groupType} groups (no history)`);
  return undefined;
}

/** What a checked modify changes in the (locked) row: the patch, its fields and custom keys. */
export interface InfoChange {
  patch: GroupInfoPatch;
  changedFields: string[];
  changedKeys: string[];
}

/**
 * The change a modify makes to the row: only values that differ; MaxMemberNum only for types
 * with a member limit and ApplyJoinOption only for types that take applications (ignored
 * otherwise); custom fields checked against their declarations and the actor's rank.
 */
export function infoChangeOf(
  row: GroupRow,
  req: ModifyGroupRequest,
  caps: GroupTypeCapabilities,
  settings: Pick<GroupSettings, 'groupFields'>,
  rank: ActorRank,
): InfoChange {
  const patch: GroupInfoPatch = {};
  const changedFields: string[] = [];
  const set = <K extends keyof GroupInfoPatch>(
    key: K,
    field: string,
    value?: GroupInfoPatch[K],
  ) => {
    if (value === undefined || value === null || row[key] === value) return;
    patch[key] = value;
    changedFields.push(field);
  };
  const apply = req.applyJoinOption != null && caps.applyAllowed;
  const applyOption = apply ? applyJoinOptionFor(caps, req.applyJoinOption) : undefined;
  set('name', 'Name', req.name);
  set('introduction', 'Introduction', req.introduction);
  set('notification', 'Notification', req.notification);
  set('faceUrl', 'FaceUrl', req.faceUrl);
  set('maxMemberNum', 'MaxMemberNum', caps.memberLimit !== null ? req.maxMemberNum : undefined);
  set(
    'applyJoinOption',
    'ApplyJoinOption',
    applyOption && 'option' in applyOption ? applyOption.option : undefined,
  );
  set('inviteJoinOption', 'InviteJoinOption', req.inviteJoinOption);
  set('muteAll', 'MuteAllMember', req.muteAllMember);
  set('historyBeforeJoin', 'HistoryMsgBeforeJoin', req.historyMsgBeforeJoin);
  let changedKeys: string[] = [];
  if (req.customData?.length) {
    const fields = settings.groupFields(row.type);
    const custom = applyGroupCustomData(row.customData, req.customData, fields, rank);
    changedKeys = custom.changedKeys;
    if (changedKeys.length) {
      patch.customData = custom.data;
      changedFields.push('AppDefinedData');
    }
  }
  return { patch, changedFields, changedKeys };
}
