import { Injectable } from '@nestjs/common';

import { canonicalGroupType, GroupEvt, isValidUserId } from '@im/contracts';
import type {
  CallerContext,
  EventSubject,
  GetJoinedReply,
  GetJoinedRequest,
  GetMembersReply,
  GetMembersRequest,
  GetMutedReply,
  GetRolesReply,
  GetRolesRequest,
  GroupAckReply,
  GroupIdRequest,
  JoinedGroup,
  ModifyMemberRequest,
  MuteMembersReply,
  MuteMembersRequest,
  OnlineCountReply,
} from '@im/contracts';

import { SensitiveWordsCache } from '@im/platform';

import { actorOf } from './group-actor.model';
import { GroupError } from './group.errors';
import { groupEventBase } from './group-events.mapper';
import { GroupLoader } from './group-loader.service';
import type { GroupScope, LoadedGroup } from './group-loader.service';
import { GroupMemberRepository } from './group-member.repository';
import { memberChangeOf } from './group-member.rules';
import type { MemberChange } from './group-member.rules';
import {
  atLeast,
  factNotification,
  mayMuteMember,
  mayReadGroupInfo,
} from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import { distinct, muteUntilFor, nowSeconds } from './group.rules';
import type { MemberRow } from './group.schema';
import { GroupTransactions } from './group-transactions.db';
import type { GroupFact } from './group-transactions.db';
import { toGroupView, toMemberView } from './group-views.mapper';
import { RoomMemberStore } from './room-member.store';

const ONLINE_CHUNK = 500;

/** What members are and may do: the lists, roles, mutes, joined groups, and member info. */
@Injectable()
export class GroupMemberInfoService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly rooms: RoomMemberStore,
    private readonly loader: GroupLoader,
    private readonly writes: GroupTransactions,
    private readonly sensitiveWords: SensitiveWordsCache,
  ) {}

  /** get_group_member_info (GRP-54, T3). */
  async getMembers(caller: CallerContext, req: GetMembersRequest): Promise<GetMembersReply> {
    const scope = await this.loader.scopeFor(caller, req);
    if (scope.rank === 'NonMember') throw GroupError.forbidden('only members see the member list');
    if (req.userIds && scope.caps.storage !== 'table')
      throw GroupError.forbidden(`a ${scope.row.type} group has no member profiles to name`);
    return this.loader.listMembers(scope, scope.rank, scope.actor.userId, {
      userIds: req.userIds,
      roles: req.roles,
      offset: req.offset,
      limit: req.limit,
      customKeys: req.memberCustomDataKeys,
    });
  }

  /** get_role_in_group: the role of each user, `NotMember` for the others. */
  async getRoles(caller: CallerContext, req: GetRolesRequest): Promise<GetRolesReply> {
    const scope = await this.loader.scopeFor(caller, req);
    if (!mayReadGroupInfo(scope.caps, scope.rank)) throw GroupError.forbidden('not a member');
    const ids = distinct(req.userIds);
    const found = await this.loader.membersOf(scope, ids.filter(isValidUserId));
    return {
      roles: ids.map((userId) => ({ userId, role: found.get(userId)?.role ?? 'NotMember' })),
    };
  }

  /** get_group_muted_account / get_group_shutted_uin: members muted now. */
  async getMuted(caller: CallerContext, req: GroupIdRequest): Promise<GetMutedReply> {
    const scope = await this.loader.scopeFor(caller, req);
    if (scope.rank === 'NonMember') throw GroupError.forbidden('not a member');
    const now = nowSeconds();
    if (scope.caps.storage === 'table') {
      const rows = await this.members.mutedMembers(caller.sdkAppId, req.groupId, now);
      return { members: rows.map((r) => ({ userId: r.userId, muteUntil: r.muteUntil })) };
    }
    const all = await this.rooms.allMuted(caller.sdkAppId, req.groupId);
    return {
      members: [...all]
        .filter(([, until]) => until > now)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([userId, muteUntil]) => ({ userId, muteUntil })),
    };
  }

  /** get_joined_group_list (GRP-55): inactive Private groups only for their owner (GRP-40). */
  async getJoined(caller: CallerContext, req: GetJoinedRequest): Promise<GetJoinedReply> {
    const actor = actorOf(caller, req.operatorId);
    if (!actor.isAppAdmin && actor.userId !== req.userId)
      throw GroupError.forbidden('a user lists only their own groups');
    const { sdkAppId } = caller;
    const settings = await this.loader.settingsOf(sdkAppId);
    const type = req.type ? canonicalGroupType(req.type) : undefined;
    const items: { loaded: LoadedGroup; self: MemberRow }[] = [];
    for (const { member, group } of await this.members.membershipsOf(sdkAppId, req.userId)) {
      if (type !== undefined && group.type !== type) continue;
      if (!group.isActive && !req.withInactive && member.role !== 'Owner') continue;
      items.push({
        loaded: { row: group, caps: this.loader.capsOf(settings, group), settings },
        self: member,
      });
    }
    if (req.withHugeGroups) {
      const rooms = await this.rooms.roomsOf(sdkAppId, req.userId);
      const rows = await this.groups.findGroups(sdkAppId, [...rooms.keys()]);
      for (const groupId of rooms.keys()) {
        const row = rows.get(groupId);
        if (!row) {
          await this.rooms.forgetRoom(sdkAppId, req.userId, groupId);
          continue;
        }
        if (type !== undefined && row.type !== type) continue;
        const loaded: LoadedGroup = { row, caps: this.loader.capsOf(settings, row), settings };
        const self = (await this.loader.membersOf(loaded, [req.userId])).get(req.userId);
        if (self) items.push({ loaded, self });
      }
    }
    items.sort(
      (a, b) =>
        a.self.joinTime - b.self.joinTime || (a.loaded.row.groupId < b.loaded.row.groupId ? -1 : 1),
    );
    const offset = req.offset ?? 0;
    const page = items.slice(offset, req.limit ? offset + req.limit : undefined);
    const groups: JoinedGroup[] = [];
    for (const { loaded, self } of page) {
      const { row, caps } = loaded;
      groups.push({
        group: toGroupView(row, caps, await this.loader.memberNum(loaded)),
        self: toMemberView(self),
        unreadMsgNum: caps.unreadSupported ? Math.max(0, row.nextMsgSeq - 1 - self.msgSeq) : 0,
      });
    }
    return { totalCount: items.length, groups };
  }

  /** get_online_member_num: members with a live session in presence (conn-gateway). */
  async getOnlineCount(caller: CallerContext, req: GroupIdRequest): Promise<OnlineCountReply> {
    const scope = await this.loader.scopeFor(caller, req);
    if (scope.rank === 'NonMember') throw GroupError.forbidden('not a member');
    const now = Date.now();
    let online = 0;
    const count = async (ids: string[]) => {
      online += await this.rooms.onlineUsers(caller.sdkAppId, ids, now);
    };
    if (scope.caps.storage === 'room') {
      await this.rooms.forEachChunk(caller.sdkAppId, req.groupId, count);
    } else {
      const ids = await this.members.memberIds(caller.sdkAppId, req.groupId);
      for (let i = 0; i < ids.length; i += ONLINE_CHUNK)
        await count(ids.slice(i, i + ONLINE_CHUNK));
    }
    return { onlineMemberNum: online };
  }

  /** modify_group_member_info (GRP-44): role, MsgFlag, NameCard, custom fields, mute. */
  async modifyMember(caller: CallerContext, req: ModifyMemberRequest): Promise<GroupAckReply> {
    const scope = await this.loader.scopeFor(caller, req);
    const { caps, rank, actor, row, settings } = scope;
    const target = (await this.loader.membersOf(scope, [req.userId])).get(req.userId);
    if (!target) throw GroupError.invalid(`${req.userId} is not a member`);
    const editor = { rank, isSelf: actor.userId === req.userId };
    const change = memberChangeOf(caps, settings, row.type, editor, target, req, nowSeconds());
    if (await this.sensitiveWords.matchedField(caller.sdkAppId, [['NameCard', req.nameCard]]))
      throw GroupError.sensitiveWords('NameCard');
    if (caps.storage === 'table') {
      await this.writes.commit(async (tx) => {
        const loaded = await this.writes.locked(tx, scope);
        await this.members.updateMember(caller.sdkAppId, req.groupId, req.userId, change.patch, tx);
        await this.tellMemberChange(scope, req, change, loaded.row.isActive, (s, f) =>
          this.writes.stage(tx, s, f),
        );
      });
      return {};
    }
    const { patch } = change;
    if (patch.msgFlag !== undefined || patch.nameCard !== undefined)
      await this.rooms.setCard(caller.sdkAppId, req.groupId, req.userId, {
        nameCard: patch.nameCard ?? target.nameCard,
        msgFlag: patch.msgFlag ?? target.msgFlag,
      });
    if (change.muteUntil !== undefined)
      await this.rooms.setMute(caller.sdkAppId, req.groupId, [req.userId], change.muteUntil);
    await this.tellMemberChange(scope, req, change, true, (s, f) => this.writes.publish(s, f));
    return {};
  }

  /** The facts of a member change: a new role, a mute, changed member info (in that order). */
  private async tellMemberChange(
    scope: GroupScope,
    req: ModifyMemberRequest,
    { patch, muteUntil, infoChanged }: MemberChange,
    active: boolean,
    publish: <S extends EventSubject>(subject: S, fact: GroupFact<S>) => Promise<void>,
  ): Promise<void> {
    const base = groupEventBase(scope.row, scope.actor, factNotification(active));
    if (patch.role)
      await publish(GroupEvt.RoleChanged, { ...base, userId: req.userId, role: patch.role });
    if (muteUntil !== undefined)
      await publish(GroupEvt.MemberMuted, {
        ...base,
        userIds: [req.userId],
        muteTime: req.muteTime ?? 0,
        muteUntil,
      });
    if (infoChanged.length)
      await publish(GroupEvt.MemberInfoChanged, {
        ...base,
        userId: req.userId,
        changedFields: infoChanged,
      });
  }

  /** forbid_send_msg (GRP-45, T19, GRP-13): non-members are skipped. */
  async muteMembers(caller: CallerContext, req: MuteMembersRequest): Promise<MuteMembersReply> {
    const scope = await this.loader.scopeFor(caller, req);
    const { caps, rank, actor, row } = scope;
    if (!caps.muteSupported) throw GroupError.forbidden(`${row.type} groups have no muting`);
    if (!atLeast(rank, 'Admin')) throw GroupError.forbidden(`${rank} may not mute members`);
    const ids = distinct(req.userIds);
    const targets = await this.loader.membersOf(scope, ids.filter(isValidUserId));
    for (const target of targets.values())
      if (!mayMuteMember(caps, rank, target.role))
        throw GroupError.forbidden(`${rank} may not mute ${target.role} ${target.userId}`);
    const muteUntil = muteUntilFor(nowSeconds(), req.muteTime);
    const fact = (userIds: string[], active: boolean) => ({
      ...groupEventBase(row, actor, factNotification(active)),
      userIds,
      muteTime: req.muteTime,
      muteUntil,
    });
    let userIds: string[];
    if (caps.storage === 'table') {
      userIds = await this.writes.commit(async (tx) => {
        const loaded = await this.writes.locked(tx, scope);
        const updated = await this.members.setMuteUntil(
          caller.sdkAppId,
          req.groupId,
          [...targets.keys()],
          muteUntil,
          tx,
        );
        if (updated.length)
          await this.writes.stage(tx, GroupEvt.MemberMuted, fact(updated, loaded.row.isActive));
        return updated;
      });
    } else {
      userIds = [...targets.keys()];
      await this.rooms.setMute(caller.sdkAppId, req.groupId, userIds, muteUntil);
      if (userIds.length) await this.writes.emit(GroupEvt.MemberMuted, fact(userIds, true));
    }
    return { muteUntil, userIds };
  }
}
