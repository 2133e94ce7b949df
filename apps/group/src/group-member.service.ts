import { Inject, Injectable } from '@nestjs/common';

import {
  canonicalGroupType,
  ErrorCode,
  GroupEvt,
  isValidUserId,
  MemberResults,
} from '@im/contracts';
import type {
  AddMembersRequest,
  ApplyJoinReply,
  ApplyJoinRequest,
  CallerContext,
  EventFact,
  EventOf,
  EventSubject,
  GetJoinedReply,
  GetJoinedRequest,
  GetJoinRequestsReply,
  GetMembersReply,
  GetMembersRequest,
  GetMutedReply,
  GetRolesReply,
  GetRolesRequest,
  GroupAckReply,
  GroupIdRequest,
  HandleJoinRequestRequest,
  ImportMembersRequest,
  JoinedGroup,
  MemberResultItem,
  MemberResultsReply,
  ModifyMemberRequest,
  MuteMembersReply,
  MuteMembersRequest,
  OnlineCountReply,
  RemoveMembersRequest,
} from '@im/contracts';
import { EventOutbox, NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { AccountDirectory } from './account-directory';
import { actorOf } from './group.actor';
import type { Actor } from './group.actor';
import { GroupCallbacks } from './group-callbacks';
import type { GroupDb, GroupTx } from './group.db';
import { GroupError } from './group.errors';
import { groupEventBase } from './group.events';
import { GroupLoader } from './group-loader';
import type { GroupScope, LoadedGroup } from './group-loader';
import { GroupMemberRepository } from './group-member.repository';
import type { MemberPatch } from './group-member.repository';
import {
  applyOutcome,
  atLeast,
  factNotification,
  mayAddMembers,
  mayEditMsgFlag,
  mayEditNameCard,
  mayHandleJoinRequests,
  mayMuteMember,
  mayQuit,
  mayReadGroupInfo,
  mayRemoveMember,
  maySetRole,
  memberChangeNotification,
} from './group-permissions';
import { GroupRepository } from './group.repository';
import {
  applyMemberCustomData,
  distinct,
  muteUntilFor,
  nowSeconds,
  readSeqForUnread,
} from './group.rules';
import type { GroupRow, MemberRow, NewMemberRow } from './group.schema';
import { GROUP_DB } from './group.tokens';
import { toGroupView, toMemberView } from './group.views';
import { MemberAdmission } from './member-admission';
import type { Admission } from './member-admission';
import { KeyedSerializer } from './keyed-serializer';
import { RoomMemberStore } from './room-member.store';

/** Who acts when the platform itself changes memberships (a deleted account). */
const SYSTEM: Actor = { isAppAdmin: true, userId: null, operatorId: 'system' };
const ONLINE_CHUNK = 500;

/** Memberships: add, import, remove, quit, apply, approve, roles, mute, member info, lists. */
@Injectable()
export class GroupMemberService {
  private readonly writes = new KeyedSerializer();

  constructor(
    private readonly groups: GroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly rooms: RoomMemberStore,
    private readonly loader: GroupLoader,
    private readonly admission: MemberAdmission,
    private readonly accounts: AccountDirectory,
    private readonly outbox: EventOutbox,
    private readonly bus: NatsBus,
    private readonly callbacks: GroupCallbacks,
    @Inject(GROUP_DB) private readonly db: GroupDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /**
   * Runs a change and stages its events in one transaction; the outbox publishes after commit.
   * With `group`, queued behind this instance's other membership changes of that group first
   * (`KeyedSerializer`): they would all wait on the group row's lock, each holding a pooled
   * connection, so a burst of joins to one group would run the pool dry (10002).
   */
  private commit<T>(
    work: (tx: GroupTx) => Promise<T>,
    group?: { sdkAppId: number; groupId: string },
  ): Promise<T> {
    const run = () => this.outbox.commit(this.db, work);
    return group ? this.writes.run(`${group.sdkAppId}:${group.groupId}`, run) : run();
  }

  /** Stages an event in the transaction (resolves to nothing, for `onAdded` hooks). */
  private async stage<S extends EventSubject>(
    tx: GroupTx,
    subject: S,
    fact: EventFact<EventOf<S>> & { sdkAppId: number },
  ): Promise<void> {
    await this.outbox.stage(tx, subject, fact);
  }

  /**
   * Publishes a fact of a room group (AVChatRoom/BChatRoom). Their memberships live in Redis,
   * not in a transaction, so the fact goes out right after the change (at most once), instead
   * of costing a PostgreSQL write per viewer; the reply does not wait for it.
   */
  private emit<S extends EventSubject>(
    subject: S,
    fact: EventFact<EventOf<S>> & { sdkAppId: number },
  ): Promise<void> {
    // `emit` never throws (a failure is logged); the reply does not wait for JetStream.
    void this.bus.emit(subject, fact);
    return Promise.resolve();
  }

  /** Re-reads the locked group inside a transaction. */
  private async locked(tx: GroupTx, loaded: LoadedGroup): Promise<LoadedGroup> {
    const row = await this.groups.lockGroup(loaded.row.sdkAppId, loaded.row.groupId, tx);
    if (!row) throw GroupError.notFound(loaded.row.groupId);
    return { ...loaded, row };
  }

  // ---- lists --------------------------------------------------------------------------------

  /** get_group_member_info (GRP-54, T3). */
  async getMembers(caller: CallerContext, req: GetMembersRequest): Promise<GetMembersReply> {
    const scope = await this.loader.scope(
      caller.sdkAppId,
      req.groupId,
      actorOf(caller, req.operatorId),
    );
    if (scope.rank === 'NonMember') throw GroupError.forbidden('only members see the member list');
    return this.loader.listMembers(scope, scope.rank, scope.actor.userId, {
      roles: req.roles,
      offset: req.offset,
      limit: req.limit,
      customKeys: req.memberCustomDataKeys,
    });
  }

  /** get_role_in_group: the role of each user, `NotMember` for the others. */
  async getRoles(caller: CallerContext, req: GetRolesRequest): Promise<GetRolesReply> {
    const scope = await this.loader.scope(
      caller.sdkAppId,
      req.groupId,
      actorOf(caller, req.operatorId),
    );
    if (!mayReadGroupInfo(scope.caps, scope.rank)) throw GroupError.forbidden('not a member');
    const ids = distinct(req.userIds);
    const found = await this.loader.membersOf(scope, ids.filter(isValidUserId));
    return {
      roles: ids.map((userId) => ({ userId, role: found.get(userId)?.role ?? 'NotMember' })),
    };
  }

  /** get_group_muted_account / get_group_shutted_uin: members muted now. */
  async getMuted(caller: CallerContext, req: GroupIdRequest): Promise<GetMutedReply> {
    const scope = await this.loader.scope(
      caller.sdkAppId,
      req.groupId,
      actorOf(caller, req.operatorId),
    );
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
    const scope = await this.loader.scope(
      caller.sdkAppId,
      req.groupId,
      actorOf(caller, req.operatorId),
    );
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

  // ---- joining ------------------------------------------------------------------------------

  /** add_group_member (GRP-46, T8): per-user results; the whole batch fails only when full. */
  async addMembers(caller: CallerContext, req: AddMembersRequest): Promise<MemberResultsReply> {
    const scope = await this.loader.scope(
      caller.sdkAppId,
      req.groupId,
      actorOf(caller, req.operatorId),
    );
    const { caps, row, rank, actor } = scope;
    if (!mayAddMembers(caps, rank))
      throw GroupError.forbidden(`${rank} may not add members to a ${row.type} group`);
    const ids = distinct(req.userIds);
    const valid = ids.filter(isValidUserId);
    const missing = await this.accounts.missing(caller.sdkAppId, valid);
    const invited = valid.filter((u) => !missing.has(u));
    const refused = invited.length
      ? await this.callbacks.beforeInviteJoinGroup(caller.sdkAppId, () => ({
          GroupId: row.groupId,
          Type: row.type,
          Operator_Account: actor.operatorId,
          DestinationMembers: invited.map((userId) => ({ Member_Account: userId })),
        }))
      : new Set<string>();
    const candidates = invited.filter((u) => !refused.has(u));
    const now = nowSeconds();
    let admission: Admission;
    if (caps.storage === 'table') {
      admission = await this.commit(async (tx) => {
        await this.groups.deleteJoinRequestsOf(caller.sdkAppId, req.groupId, candidates, tx);
        return this.admission.admitToTable(
          tx,
          scope,
          candidates.map((userId) => ({
            sdkAppId: caller.sdkAppId,
            groupId: req.groupId,
            userId,
            role: 'Member' as const,
            joinTime: now,
            msgFlag: caps.defaultMsgFlag,
          })),
          (added) =>
            this.stage(tx, GroupEvt.MemberJoined, {
              ...groupEventBase(
                scope.row,
                actor,
                memberChangeNotification(caps, scope.row.isActive, req.silence),
              ),
              userIds: added,
              joinKind: 'added',
            }),
        );
      }, row);
    } else {
      admission = await this.admitManyToRoom(scope, candidates, now * 1000);
      if (admission.added.length)
        await this.emit(GroupEvt.MemberJoined, {
          ...groupEventBase(row, actor, memberChangeNotification(caps, true, req.silence)),
          userIds: admission.added,
          joinKind: 'added',
        });
    }
    this.logger.info({ groupId: req.groupId, added: admission.added.length }, 'members added');
    return {
      results: ids.map((userId) =>
        refused.has(userId)
          ? { userId, result: MemberResults.Failed, code: ErrorCode.GroupCallbackRejected }
          : resultOf(userId, admission, missing),
      ),
    };
  }

  private async admitManyToRoom(
    scope: LoadedGroup,
    userIds: string[],
    nowMs: number,
  ): Promise<Admission> {
    const out: Admission = { added: [], alreadyMembers: [], overQuota: [] };
    for (const userId of userIds) {
      try {
        if (await this.admission.admitToRoom(scope, userId, nowMs)) out.added.push(userId);
        else out.alreadyMembers.push(userId);
      } catch (err) {
        if (err instanceof GroupError && err.code === ErrorCode.UserGroupQuotaExceeded)
          out.overQuota.push(userId);
        else throw err;
      }
    }
    return out;
  }

  /** import_group_member (GRP-60): App admin only; roles, join times and unread counts kept. */
  async importMembers(
    caller: CallerContext,
    req: ImportMembersRequest,
  ): Promise<MemberResultsReply> {
    const actor = actorOf(caller, req.operatorId);
    if (!actor.isAppAdmin) throw GroupError.forbidden('only the App admin imports members');
    const scope = await this.loader.scope(caller.sdkAppId, req.groupId, actor);
    const { caps, row, settings } = scope;
    if (!caps.importAllowed) throw GroupError.forbidden(`${row.type} groups take no imports`);
    const seen = new Set<string>();
    const items = req.members.filter((m) => !seen.has(m.userId) && seen.add(m.userId));
    const refused = new Map<string, number>();
    for (const m of items) {
      if (!isValidUserId(m.userId)) refused.set(m.userId, ErrorCode.GroupInvalidParameter);
      else if (m.role === 'Admin' && !caps.adminsAllowed)
        refused.set(m.userId, ErrorCode.GroupPermissionDenied);
    }
    const missing = await this.accounts.missing(
      caller.sdkAppId,
      items.filter((m) => !refused.has(m.userId)).map((m) => m.userId),
    );
    const fields = settings.memberFields(row.type);
    const now = nowSeconds();
    const admission = await this.commit(async (tx) => {
      const rows: NewMemberRow[] = items
        .filter((m) => !refused.has(m.userId) && !missing.has(m.userId))
        .map((m) => ({
          sdkAppId: caller.sdkAppId,
          groupId: req.groupId,
          userId: m.userId,
          role: m.role ?? 'Member',
          joinTime: m.joinTime ?? now,
          msgFlag: m.msgFlag ?? caps.defaultMsgFlag,
          nameCard: m.nameCard ?? '',
          msgSeq:
            m.unreadMsgNum !== undefined
              ? readSeqForUnread(row.nextMsgSeq, m.unreadMsgNum)
              : (m.msgSeq ?? row.nextMsgSeq - 1),
          lastSendMsgTime: m.lastSendMsgTime ?? 0,
          customData: applyMemberCustomData({}, m.customData ?? [], fields, 'AppAdmin', false).data,
        }));
      return this.admission.admitToTable(tx, scope, rows, (added) =>
        this.stage(tx, GroupEvt.MemberJoined, {
          ...groupEventBase(row, actor, 'none'),
          userIds: added,
          joinKind: 'imported',
        }),
      );
    }, row);
    return {
      results: items.map((m) => {
        const code = refused.get(m.userId);
        if (code !== undefined) return { userId: m.userId, result: MemberResults.Failed, code };
        return resultOf(m.userId, admission, missing);
      }),
    };
  }

  /** A user applies to join (GRP-48, T6): joined at once, pending, or refused. */
  async applyJoin(caller: CallerContext, req: ApplyJoinRequest): Promise<ApplyJoinReply> {
    const actor = actorOf(caller, req.operatorId);
    if (!actor.userId) throw GroupError.invalid('name the applicant (operatorId)');
    const userId = actor.userId;
    const loaded = await this.loader.load(caller.sdkAppId, req.groupId);
    const { caps, row } = loaded;
    const outcome = applyOutcome(caps, row.applyJoinOption);
    // Group.CallbackBeforeApplyJoinGroup: a rejection stops it; else the normal flow goes on.
    const beforeApply = () =>
      this.callbacks.beforeApplyJoinGroup(caller.sdkAppId, () => ({
        GroupId: row.groupId,
        Type: row.type,
        Requestor_Account: userId,
      }));
    if (outcome === 'joined' && caps.storage === 'room') {
      // A viewer entering a live room: the hot path (Redis answers "already in" by itself).
      await beforeApply();
      await this.join(loaded, actor, userId, 'applied', nowSeconds());
      return { outcome: 'joined' };
    }
    const scope = await this.loader.scopeOf(loaded, actor);
    if (scope.self) throw GroupError.alreadyMember(userId);
    if (outcome === 'refused') throw GroupError.forbidden(`${row.groupId} takes no applications`);
    await beforeApply();
    const now = nowSeconds();
    if (outcome === 'pending') {
      const approverIds =
        caps.storage === 'table'
          ? await this.members.managerIds(caller.sdkAppId, req.groupId)
          : row.ownerId
            ? [row.ownerId]
            : [];
      await this.commit(async (tx) => {
        await this.groups.upsertJoinRequest(
          {
            sdkAppId: caller.sdkAppId,
            groupId: req.groupId,
            applicantId: userId,
            message: req.message ?? '',
            createdAt: now,
          },
          tx,
        );
        await this.outbox.stage(tx, GroupEvt.JoinRequested, {
          ...groupEventBase(row, actor, factNotification(row.isActive)),
          applicantId: userId,
          message: req.message ?? '',
          approverIds,
        });
      });
      return { outcome: 'pending' };
    }
    await this.join(scope, actor, userId, 'applied', now);
    return { outcome: 'joined' };
  }

  /** Lets one user in (applied or approved); 10013 when already in, 10037, 10014. */
  private async join(
    scope: LoadedGroup,
    actor: Actor,
    userId: string,
    joinKind: 'applied' | 'approved',
    now: number,
    inTx?: (tx: GroupTx) => Promise<void>,
  ): Promise<void> {
    const { caps, row } = scope;
    if (caps.storage === 'room') {
      if (!(await this.admission.admitToRoom(scope, userId, Date.now())))
        throw GroupError.alreadyMember(userId);
      if (inTx) await this.commit(inTx);
      await this.emit(GroupEvt.MemberJoined, {
        ...groupEventBase(row, actor, memberChangeNotification(caps, true)),
        userIds: [userId],
        joinKind,
      });
      return;
    }
    await this.commit(async (tx) => {
      if (inTx) await inTx(tx);
      await this.groups.deleteJoinRequestsOf(row.sdkAppId, row.groupId, [userId], tx);
      const result = await this.admission.admitToTable(
        tx,
        scope,
        [
          {
            sdkAppId: row.sdkAppId,
            groupId: row.groupId,
            userId,
            role: 'Member',
            joinTime: now,
            msgFlag: caps.defaultMsgFlag,
          },
        ],
        (added) =>
          this.stage(tx, GroupEvt.MemberJoined, {
            ...groupEventBase(row, actor, memberChangeNotification(caps, row.isActive)),
            userIds: added,
            joinKind,
          }),
      );
      if (result.overQuota.length)
        throw GroupError.userQuota(result.overQuota, scope.settings.userGroupLimit);
      if (!result.added.length) throw GroupError.alreadyMember(userId);
    }, row);
  }

  /** Owner, admins or the App admin approve or reject an application (GRP-48). */
  async handleJoinRequest(
    caller: CallerContext,
    req: HandleJoinRequestRequest,
  ): Promise<GroupAckReply> {
    const scope = await this.loader.scope(
      caller.sdkAppId,
      req.groupId,
      actorOf(caller, req.operatorId),
    );
    if (!mayHandleJoinRequests(scope.rank))
      throw GroupError.forbidden(`${scope.rank} may not handle applications`);
    const pending = await this.groups.findJoinRequest(
      caller.sdkAppId,
      req.groupId,
      req.applicantId,
    );
    if (!pending)
      throw new GroupError(
        ErrorCode.GroupRequestAlreadyHandled,
        'no pending application from this user',
      );
    const handled = (tx: GroupTx) =>
      this.outbox
        .stage(tx, GroupEvt.JoinRequestHandled, {
          ...groupEventBase(scope.row, scope.actor, factNotification(scope.row.isActive)),
          applicantId: req.applicantId,
          approved: req.approve,
          reason: req.reason ?? '',
        })
        .then(() => undefined);
    const consume = async (tx: GroupTx) => {
      if (!(await this.groups.deleteJoinRequest(caller.sdkAppId, req.groupId, req.applicantId, tx)))
        throw new GroupError(ErrorCode.GroupRequestAlreadyHandled, 'already handled');
      await handled(tx);
    };
    if (!req.approve) {
      await this.commit(consume);
      return {};
    }
    await this.join(scope, scope.actor, req.applicantId, 'approved', nowSeconds(), consume);
    return {};
  }

  /** Pending applications (owner, admins, App admin). */
  async getJoinRequests(caller: CallerContext, req: GroupIdRequest): Promise<GetJoinRequestsReply> {
    const scope = await this.loader.scope(
      caller.sdkAppId,
      req.groupId,
      actorOf(caller, req.operatorId),
    );
    if (!mayHandleJoinRequests(scope.rank))
      throw GroupError.forbidden(`${scope.rank} may not see applications`);
    const rows = await this.groups.listJoinRequests(caller.sdkAppId, req.groupId);
    return {
      requests: rows.map((r) => ({
        applicantId: r.applicantId,
        message: r.message,
        createdAt: r.createdAt,
      })),
    };
  }

  // ---- leaving ------------------------------------------------------------------------------

  /** delete_group_member (GRP-49, T12, GRP-13); naming only oneself is a quit (GRP-50). */
  async removeMembers(caller: CallerContext, req: RemoveMembersRequest): Promise<GroupAckReply> {
    const scope = await this.loader.scope(
      caller.sdkAppId,
      req.groupId,
      actorOf(caller, req.operatorId),
    );
    const { caps, rank, actor, row } = scope;
    const ids = distinct(req.userIds);
    if (actor.userId && ids.length === 1 && ids[0] === actor.userId) return this.leave(scope);
    if (!atLeast(rank, caps.kickMinRank))
      throw GroupError.forbidden(`${rank} may not remove members of a ${row.type} group`);
    const check = (targets: Map<string, MemberRow>) => {
      for (const target of targets.values())
        if (!mayRemoveMember(caps, rank, target.role))
          throw GroupError.forbidden(`${rank} may not remove ${target.role} ${target.userId}`);
    };
    const reason = req.reason ?? '';
    if (caps.storage === 'table') {
      const removed = await this.commit(async (tx) => {
        const loaded = await this.locked(tx, scope);
        const targets = await this.members.findMembers(caller.sdkAppId, req.groupId, ids, tx);
        check(targets);
        const deleted = await this.members.deleteMembers(
          caller.sdkAppId,
          req.groupId,
          [...targets.keys()],
          tx,
        );
        await this.groups.addMemberNum(caller.sdkAppId, req.groupId, -deleted.length, tx);
        if (deleted.length)
          await this.outbox.stage(tx, GroupEvt.MemberKicked, {
            ...groupEventBase(
              loaded.row,
              actor,
              memberChangeNotification(caps, loaded.row.isActive, req.silence),
            ),
            userIds: deleted,
            reason,
          });
        return deleted;
      }, row);
      this.logger.info({ groupId: req.groupId, removed: removed.length }, 'members removed');
      return {};
    }
    const targets = await this.loader.membersOf(scope, ids);
    check(targets);
    const removed = await this.rooms.leave(caller.sdkAppId, req.groupId, [...targets.keys()]);
    if (removed.length)
      await this.emit(GroupEvt.MemberKicked, {
        ...groupEventBase(row, actor, memberChangeNotification(caps, true, req.silence)),
        userIds: removed,
        reason,
      });
    return {};
  }

  /** A member quits (GRP-50, T10). */
  async quit(caller: CallerContext, req: GroupIdRequest): Promise<GroupAckReply> {
    const actor = actorOf(caller, req.operatorId);
    if (!actor.userId) throw GroupError.forbidden('the App admin is not a member; name the user');
    const loaded = await this.loader.load(caller.sdkAppId, req.groupId);
    if (loaded.caps.storage === 'room' && loaded.row.ownerId !== actor.userId)
      return this.leaveRoom(loaded, actor, actor.userId);
    return this.leave(await this.loader.scopeOf(loaded, actor));
  }

  /** A viewer leaves a room: one Redis round trip decides and removes (the hot path). */
  private async leaveRoom(
    loaded: LoadedGroup,
    actor: Actor,
    userId: string,
  ): Promise<GroupAckReply> {
    const { row, caps } = loaded;
    const removed = await this.rooms.leave(row.sdkAppId, row.groupId, [userId]);
    if (!removed.length) throw GroupError.forbidden('not a member');
    await this.emit(GroupEvt.MemberLeft, {
      ...groupEventBase(row, actor, memberChangeNotification(caps, true)),
      userIds: removed,
      leaveKind: 'quit',
    });
    return {};
  }

  private async leave(scope: GroupScope): Promise<GroupAckReply> {
    const { caps, row, actor, self } = scope;
    if (!self) throw GroupError.forbidden('not a member');
    if (!mayQuit(caps, self.role)) throw GroupError.ownerCannotLeave();
    const wasOwner = self.role === 'Owner';
    if (caps.storage === 'table') {
      await this.commit(async (tx) => {
        const loaded = await this.locked(tx, scope);
        const deleted = await this.members.deleteMembers(
          row.sdkAppId,
          row.groupId,
          [self.userId],
          tx,
        );
        if (!deleted.length) throw GroupError.forbidden('not a member');
        await this.groups.addMemberNum(row.sdkAppId, row.groupId, -1, tx);
        if (wasOwner) await this.ownerGone(tx, loaded.row, actor);
        await this.outbox.stage(tx, GroupEvt.MemberLeft, {
          ...groupEventBase(loaded.row, actor, memberChangeNotification(caps, loaded.row.isActive)),
          userIds: deleted,
          leaveKind: 'quit',
        });
      }, row);
    } else {
      await this.rooms.leave(row.sdkAppId, row.groupId, [self.userId]);
      if (wasOwner) await this.commit((tx) => this.ownerGone(tx, row, actor));
      await this.emit(GroupEvt.MemberLeft, {
        ...groupEventBase(row, actor, memberChangeNotification(caps, true)),
        userIds: [self.userId],
        leaveKind: 'quit',
      });
    }
    this.logger.info({ groupId: row.groupId, wasOwner }, 'member quit');
    return {};
  }

  /** The owner left: the group has no owner now (T10; the App admin may assign one, AMB-9). */
  private async ownerGone(tx: GroupTx, row: GroupRow, actor: Actor): Promise<void> {
    const updated = await this.groups.updateInfo(
      row.sdkAppId,
      row.groupId,
      { ownerId: null },
      nowSeconds(),
      tx,
    );
    await this.outbox.stage(tx, GroupEvt.OwnerChanged, {
      ...groupEventBase(updated, actor, factNotification(updated.isActive)),
      previousOwnerId: row.ownerId,
      newOwnerId: null,
    });
  }

  // ---- member information -------------------------------------------------------------------

  /** modify_group_member_info (GRP-44): role, MsgFlag, NameCard, custom fields, mute. */
  async modifyMember(caller: CallerContext, req: ModifyMemberRequest): Promise<GroupAckReply> {
    const scope = await this.loader.scope(
      caller.sdkAppId,
      req.groupId,
      actorOf(caller, req.operatorId),
    );
    const { caps, rank, actor, row, settings } = scope;
    const target = (await this.loader.membersOf(scope, [req.userId])).get(req.userId);
    if (!target) throw GroupError.invalid(`${req.userId} is not a member`);
    const isSelf = actor.userId === req.userId;
    const patch: MemberPatch = {};
    const infoChanged: string[] = [];
    if (req.role !== undefined && req.role !== null) {
      if (!maySetRole(caps, rank))
        throw GroupError.forbidden(`${rank} may not set roles in a ${row.type} group`);
      if (target.role === 'Owner')
        throw GroupError.forbidden("the owner's role changes only by transfer");
      if (req.role !== target.role) patch.role = req.role;
    }
    if (req.msgFlag != null) {
      if (!mayEditMsgFlag(rank, isSelf))
        throw GroupError.forbidden('MsgFlag is the member’s own setting');
      if (req.msgFlag !== target.msgFlag) {
        patch.msgFlag = req.msgFlag;
        infoChanged.push('MsgFlag');
      }
    }
    if (req.nameCard != null) {
      if (!mayEditNameCard(rank, isSelf, target.role))
        throw GroupError.forbidden(
          `${rank} may not change the NameCard of ${target.role} ${target.userId}`,
        );
      if (req.nameCard !== target.nameCard) {
        patch.nameCard = req.nameCard;
        infoChanged.push('NameCard');
      }
    }
    let muteUntil: number | undefined;
    if (req.muteTime != null) {
      if (!mayMuteMember(caps, rank, target.role))
        throw GroupError.forbidden(`${rank} may not mute ${target.role} ${target.userId} here`);
      muteUntil = muteUntilFor(nowSeconds(), req.muteTime);
      patch.muteUntil = muteUntil;
    }
    if (req.customData?.length) {
      if (!caps.memberCustomFields)
        throw GroupError.invalid(`${row.type} groups have no member custom fields`);
      const custom = applyMemberCustomData(
        target.customData,
        req.customData,
        settings.memberFields(row.type),
        rank,
        isSelf,
      );
      if (custom.changedKeys.length) {
        patch.customData = custom.data;
        infoChanged.push('AppMemberDefinedData');
      }
    }
    const events = async (
      publish: <S extends EventSubject>(
        s: S,
        f: EventFact<EventOf<S>> & { sdkAppId: number },
      ) => Promise<unknown>,
      active: boolean,
    ) => {
      const base = groupEventBase(row, actor, factNotification(active));
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
    };
    if (caps.storage === 'table') {
      await this.commit(async (tx) => {
        const loaded = await this.locked(tx, scope);
        await this.members.updateMember(caller.sdkAppId, req.groupId, req.userId, patch, tx);
        await events((s, f) => this.outbox.stage(tx, s, f), loaded.row.isActive);
      });
      return {};
    }
    if (patch.msgFlag !== undefined || patch.nameCard !== undefined)
      await this.rooms.setCard(caller.sdkAppId, req.groupId, req.userId, {
        nameCard: patch.nameCard ?? target.nameCard,
        msgFlag: patch.msgFlag ?? target.msgFlag,
      });
    if (muteUntil !== undefined)
      await this.rooms.setMute(caller.sdkAppId, req.groupId, [req.userId], muteUntil);
    await events((s, f) => this.bus.emit(s, f), true);
    return {};
  }

  /** forbid_send_msg (GRP-45, T19, GRP-13): non-members are skipped. */
  async muteMembers(caller: CallerContext, req: MuteMembersRequest): Promise<MuteMembersReply> {
    const scope = await this.loader.scope(
      caller.sdkAppId,
      req.groupId,
      actorOf(caller, req.operatorId),
    );
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
      userIds = await this.commit(async (tx) => {
        const loaded = await this.locked(tx, scope);
        const updated = await this.members.setMuteUntil(
          caller.sdkAppId,
          req.groupId,
          [...targets.keys()],
          muteUntil,
          tx,
        );
        if (updated.length)
          await this.outbox.stage(tx, GroupEvt.MemberMuted, fact(updated, loaded.row.isActive));
        return updated;
      });
    } else {
      userIds = [...targets.keys()];
      await this.rooms.setMute(caller.sdkAppId, req.groupId, userIds, muteUntil);
      if (userIds.length) await this.emit(GroupEvt.MemberMuted, fact(userIds, true));
    }
    return { muteUntil, userIds };
  }

  // ---- accounts deleted ---------------------------------------------------------------------

  /**
   * Removes deleted accounts from every group (consumer of `account.evt.deleted`). A deleted
   * owner leaves the group without owner, like an owner quitting a Private group; the App admin
   * may assign a new one with change_group_owner. Idempotent.
   */
  async removeDeletedAccounts(sdkAppId: number, userIds: readonly string[]): Promise<void> {
    const settings = await this.loader.settingsOf(sdkAppId);
    for (const userId of userIds) {
      for (const groupId of await this.members.groupIdsOf(sdkAppId, userId)) {
        await this.commit(async (tx) => {
          const row = await this.groups.lockGroup(sdkAppId, groupId, tx);
          if (!row) return;
          const caps = this.loader.capsOf(settings, row);
          const deleted = await this.members.deleteMembers(sdkAppId, groupId, [userId], tx);
          if (!deleted.length) return;
          await this.groups.addMemberNum(sdkAppId, groupId, -1, tx);
          if (row.ownerId === userId) await this.ownerGone(tx, row, SYSTEM);
          await this.outbox.stage(tx, GroupEvt.MemberLeft, {
            ...groupEventBase(row, SYSTEM, memberChangeNotification(caps, row.isActive)),
            userIds: [userId],
            leaveKind: 'account-deleted',
          });
        });
      }
      const rooms = await this.rooms.roomsOf(sdkAppId, userId);
      const rows = await this.groups.findGroups(sdkAppId, [...rooms.keys()]);
      for (const groupId of rooms.keys()) {
        const row = rows.get(groupId);
        const removed = await this.rooms.leave(sdkAppId, groupId, [userId]);
        await this.rooms.forgetRoom(sdkAppId, userId, groupId);
        if (!row) continue;
        if (row.ownerId === userId) await this.commit((tx) => this.ownerGone(tx, row, SYSTEM));
        if (removed.length)
          await this.emit(GroupEvt.MemberLeft, {
            ...groupEventBase(
              row,
              SYSTEM,
              memberChangeNotification(this.loader.capsOf(settings, row), true),
            ),
            userIds: removed,
            leaveKind: 'account-deleted',
          });
      }
      await this.groups.deleteJoinRequestsByApplicant(sdkAppId, userId);
    }
    this.logger.info({ users: userIds.length }, 'deleted accounts removed from groups');
  }
}

/** The per-user result of an add or import (error-codes.md §10). */
function resultOf(userId: string, admission: Admission, missing: Set<string>): MemberResultItem {
  if (!isValidUserId(userId))
    return { userId, result: MemberResults.Failed, code: ErrorCode.GroupInvalidParameter };
  if (missing.has(userId))
    return { userId, result: MemberResults.Failed, code: ErrorCode.GroupAccountNotFound };
  if (admission.added.includes(userId)) return { userId, result: MemberResults.Added, code: 0 };
  if (admission.alreadyMembers.includes(userId))
    return { userId, result: MemberResults.AlreadyMember, code: 0 };
  if (admission.overQuota.includes(userId))
    return { userId, result: MemberResults.Failed, code: ErrorCode.UserGroupQuotaExceeded };
  return { userId, result: MemberResults.Failed, code: ErrorCode.GroupInternalError };
}
