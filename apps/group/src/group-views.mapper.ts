import type {
  GroupCustomDataItem,
  GroupMemberView,
  GroupTypeCapabilities,
  GroupView,
} from '@im/contracts';

import type { GroupRow, MemberRow } from './group.schema';

/** A group row as the contract answers it. */
export function toGroupView(
  row: GroupRow,
  caps: GroupTypeCapabilities,
  memberNum: number,
  customData: GroupCustomDataItem[] = [],
  members?: GroupMemberView[],
): GroupView {
  const view: GroupView = {
    sdkAppId: row.sdkAppId,
    groupId: row.groupId,
    type: row.type,
    name: row.name,
    introduction: row.introduction,
    notification: row.notification,
    faceUrl: row.faceUrl,
    ownerId: row.ownerId,
    createTime: row.createTime,
    infoSeq: row.infoSeq,
    lastInfoTime: row.lastInfoTime,
    lastMsgTime: row.lastMsgTime,
    nextMsgSeq: row.nextMsgSeq,
    memberNum,
    maxMemberNum: caps.memberLimit === null ? 0 : row.maxMemberNum,
    applyJoinOption: row.applyJoinOption,
    inviteJoinOption: row.inviteJoinOption,
    muteAllMember: row.muteAll,
    historyMsgBeforeJoin: historyBeforeJoin(row, caps),
    isActive: row.isActive,
    customData,
  };
  if (caps.baseType === 'Community') view.supportTopic = row.supportTopic;
  if (members) view.members = members;
  return view;
}

/** A member row as the contract answers it. */
export function toMemberView(
  row: MemberRow,
  customData: GroupCustomDataItem[] = [],
): GroupMemberView {
  return {
    userId: row.userId,
    role: row.role,
    joinTime: row.joinTime,
    msgSeq: row.msgSeq,
    msgFlag: row.msgFlag,
    lastSendMsgTime: row.lastSendMsgTime,
    muteUntil: row.muteUntil,
    nameCard: row.nameCard,
    customData,
  };
}

/** HistoryMsgBeforeJoin in force: the group's own setting, else its type's default (T16). */
export function historyBeforeJoin(
  row: Pick<GroupRow, 'historyBeforeJoin'>,
  caps: Pick<GroupTypeCapabilities, 'preJoinHistoryVisible'>,
): boolean {
  return row.historyBeforeJoin ?? caps.preJoinHistoryVisible;
}
