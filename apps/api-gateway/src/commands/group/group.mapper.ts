import type {
  GroupCustomDataItem,
  GroupMemberView,
  GroupView,
  JoinedGroup,
  NewGroupMember,
} from '@im/contracts';

import type { GroupCustomDataDto } from './group-custom-data.dto';
import type { GroupMemberItemDto } from './group-member-item.dto';

/**
 * Between the spec's field names (docs/rest-api.md §7) and the group contracts. Mute fields are
 * answered in both spellings (`ShutUpAllMember`/`MuteAllMember`, `ShutUpUntil`/`MuteUntil`),
 * as docs/rest-api.md §1.5 recommends.
 */
export const GroupMapper = {
  customDataIn(
    items: readonly GroupCustomDataDto[] | undefined,
  ): GroupCustomDataItem[] | undefined {
    return items?.map((i) => ({ key: i.Key, value: i.Value }));
  },

  customDataOut(items: readonly GroupCustomDataItem[]): { Key: string; Value: string }[] {
    return items.map((i) => ({ Key: i.key, Value: i.value }));
  },

  memberIn(m: GroupMemberItemDto): NewGroupMember {
    return {
      userId: m.Member_Account,
      role: m.Role,
      joinTime: m.JoinTime,
      msgSeq: m.MsgSeq,
      msgFlag: m.MsgFlag,
      nameCard: m.NameCard,
      lastSendMsgTime: m.LastSendMsgTime,
      unreadMsgNum: m.UnreadMsgNum,
      customData: GroupMapper.customDataIn(m.AppMemberDefinedData),
    };
  },

  /** Base info of a group; `filter` = GroupBaseInfoFilter (GroupId always comes back). */
  groupOut(g: GroupView, filter?: readonly string[]): Record<string, unknown> {
    const all: Record<string, unknown> = {
      GroupId: g.groupId,
      Type: g.type,
      Appid: g.sdkAppId,
      Name: g.name,
      Introduction: g.introduction,
      Notification: g.notification,
      FaceUrl: g.faceUrl,
      Owner_Account: g.ownerId ?? '',
      CreateTime: g.createTime,
      InfoSeq: g.infoSeq,
      LastInfoTime: g.lastInfoTime,
      LastMsgTime: g.lastMsgTime,
      NextMsgSeq: g.nextMsgSeq,
      MemberNum: g.memberNum,
      MaxMemberNum: g.maxMemberNum,
      ApplyJoinOption: g.applyJoinOption,
      ...(g.inviteJoinOption !== null && { InviteJoinOption: g.inviteJoinOption }),
      ShutUpAllMember: g.muteAllMember ? 'On' : 'Off',
      MuteAllMember: g.muteAllMember ? 'On' : 'Off',
      HistoryMsgBeforeJoin: g.historyMsgBeforeJoin ? 'On' : 'Off',
      // a Community answers whether it holds topics, as create_group took it (0/1)
      ...(g.supportTopic !== undefined && { SupportTopic: g.supportTopic ? 1 : 0 }),
    };
    if (!filter) return all;
    const wanted = new Set(filter);
    if (wanted.has('ShutUpAllMember') || wanted.has('MuteAllMember')) {
      wanted.add('ShutUpAllMember');
      wanted.add('MuteAllMember');
    }
    return Object.fromEntries(
      Object.entries(all).filter(([key]) => key === 'GroupId' || wanted.has(key)),
    );
  },

  /** A member; `filter` = MemberInfoFilter (Member_Account always comes back). */
  memberOut(
    m: GroupMemberView,
    filter?: readonly string[],
    withCustomData = false,
  ): Record<string, unknown> {
    const all: Record<string, unknown> = {
      Member_Account: m.userId,
      Role: m.role,
      JoinTime: m.joinTime,
      MsgSeq: m.msgSeq,
      MsgFlag: m.msgFlag,
      LastSendMsgTime: m.lastSendMsgTime,
      ShutUpUntil: m.muteUntil,
      MuteUntil: m.muteUntil,
      NameCard: m.nameCard,
    };
    const picked = filter?.length
      ? Object.fromEntries(
          Object.entries(all).filter(
            ([key]) =>
              key === 'Member_Account' ||
              filter.includes(key) ||
              ((key === 'ShutUpUntil' || key === 'MuteUntil') &&
                (filter.includes('ShutUpUntil') || filter.includes('MuteUntil'))),
          ),
        )
      : all;
    if (withCustomData) picked.AppMemberDefinedData = GroupMapper.customDataOut(m.customData);
    return picked;
  },

  /** An item of get_joined_group_list. */
  joinedOut(
    j: JoinedGroup,
    baseFilter?: readonly string[],
    selfFilter?: readonly string[],
  ): Record<string, unknown> {
    const item = baseFilter
      ? GroupMapper.groupOut(j.group, baseFilter)
      : { GroupId: j.group.groupId };
    if (selfFilter) {
      const self: Record<string, unknown> = {
        ...GroupMapper.memberOut(j.self),
        UnreadMsgNum: j.unreadMsgNum,
      };
      delete self.Member_Account;
      item.SelfInfo = Object.fromEntries(
        Object.entries(self).filter(([key]) => selfFilter.length === 0 || selfFilter.includes(key)),
      );
    }
    return item;
  },
};
