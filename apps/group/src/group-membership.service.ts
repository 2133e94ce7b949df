import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, GroupEvt, isValidUserId, MemberResults } from '@im/contracts';
import type {
  AddMembersRequest,
  CallerContext,
  GroupAckReply,
  GroupIdRequest,
  MemberResultsReply,
  RemoveMembersRequest,
} from '@im/contracts';
import { AccountsClient, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { actorOf } from './group-actor.model';
import type { Actor } from './group-actor.model';
import { GroupCallbacks } from './group-callbacks.client';
import type { GroupTx } from './group.db';
import { GroupError } from './group.errors';
import { groupEventBase } from './group-events.mapper';
import { GroupLoader } from './group-loader.service';
import type { GroupScope, LoadedGroup } from './group-loader.service';
import { GroupMemberRepository } from './group-member.repository';
import { resultOf } from './group-member.rules';
import {
  atLeast,
  factNotification,
  mayAddMembers,
  memberRemovalSupported,
  mayQuit,
  mayRemoveMember,
  memberChangeNotification,
} from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import { distinct, nowSeconds } from './group.rules';
import type { GroupRow, MemberRow } from './group.schema';
import { GroupTransactions } from './group-transactions.db';
import { JoinRequestRepository } from './join-request.repository';
import { MemberAdmission } from './member-admission.service';
import type { Admission } from './member-admission.service';
import { RoomLeaveBatcher } from './room-leave-batch.service';
import { RoomMemberStore } from './room-member.store';

/** Who acts when the platform itself changes memberships (a deleted account). */
const SYSTEM: Actor = { isAppAdmin: true, userId: null, operatorId: 'system' };

/**
 * Who is in a group: adding members (importing them is MemberImportService's), removing them, quitting, and deleted
 * accounts leaving every group. Applications are GroupApplicationsService's.
 */
@Injectable()
export class GroupMembershipService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly joinRequests: JoinRequestRepository,
    private readonly members: GroupMemberRepository,
    private readonly rooms: RoomMemberStore,
    private readonly loader: GroupLoader,
    private readonly admission: MemberAdmission,
    private readonly roomLeaves: RoomLeaveBatcher,
    private readonly accounts: AccountsClient,
    private readonly writes: GroupTransactions,
    private readonly callbacks: GroupCallbacks,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** add_group_member (GRP-46, T8): per-user results; the whole batch fails only when full. */
  async addMembers(caller: CallerContext, req: AddMembersRequest): Promise<MemberResultsReply> {
    const scope = await this.loader.scopeFor(caller, req);
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
    const admission = await this.admitInvited(scope, candidates, req.silence, nowSeconds());
    this.logger.info({ groupId: req.groupId, added: admission.added.length }, 'members added');
    return {
      results: ids.map((userId) =>
        refused.has(userId)
          ? { userId, result: MemberResults.Failed, code: ErrorCode.GroupCallbackRejected }
          : resultOf(userId, admission, missing),
      ),
    };
  }

  /** Lets invited users in, as one batch: in a transaction for a table group, else in Redis. */
  private async admitInvited(
    scope: GroupScope,
    userIds: string[],
    silence: boolean | undefined,
    now: number,
  ): Promise<Admission> {
    const { caps, row, actor } = scope;
    if (caps.storage === 'room') {
      const admission = await this.admitManyToRoom(scope, userIds);
      if (admission.added.length)
        await this.writes.emit(GroupEvt.MemberJoined, {
          ...groupEventBase(row, actor, memberChangeNotification(caps, true, silence)),
          userIds: admission.added,
          joinKind: 'added',
        });
      return admission;
    }
    const rows = userIds.map((userId) => ({
      sdkAppId: row.sdkAppId,
      groupId: row.groupId,
      userId,
      role: 'Member' as const,
      joinTime: now,
      msgFlag: caps.defaultMsgFlag,
    }));
    return this.writes.commit(async (tx) => {
      await this.joinRequests.deleteApplicants(row.sdkAppId, row.groupId, userIds, tx);
      return this.admission.admitToTable(tx, scope, rows, (added) =>
        this.writes.stage(tx, GroupEvt.MemberJoined, {
          ...groupEventBase(row, actor, memberChangeNotification(caps, row.isActive, silence)),
          userIds: added,
          joinKind: 'added',
        }),
      );
    }, row);
  }

  private async admitManyToRoom(scope: LoadedGroup, userIds: string[]): Promise<Admission> {
    const out: Admission = { added: [], alreadyMembers: [], overQuota: [], banned: [] };
    const banned = await this.admission.bannedOf(scope, userIds);
    for (const userId of userIds) {
      if (banned.has(userId)) {
        out.banned.push(userId);
        continue;
      }
      try {
        if (await this.admission.admitToRoom(scope, userId)) out.added.push(userId);
        else out.alreadyMembers.push(userId);
      } catch (err) {
        if (err instanceof GroupError && err.code === ErrorCode.UserGroupQuotaExceeded)
          out.overQuota.push(userId);
        else throw err;
      }
    }
    return out;
  }

  /** delete_group_member (GRP-49, T12, GRP-13); naming only oneself is a quit (GRP-50). */
  async removeMembers(caller: CallerContext, req: RemoveMembersRequest): Promise<GroupAckReply> {
    const scope = await this.loader.scopeFor(caller, req);
    const { caps, rank, actor, row } = scope;
    const ids = distinct(req.userIds);
    if (actor.userId && ids.length === 1 && ids[0] === actor.userId) return this.leave(scope);
    if (!memberRemovalSupported(caps))
      throw GroupError.unsupportedByType(row.type, 'removing members');
    if (!atLeast(rank, caps.kickMinRank))
      throw GroupError.forbidden(`${rank} may not remove members of a ${row.type} group`);
    const check = (targets: Map<string, MemberRow>) => {
      for (const target of targets.values())
        if (!mayRemoveMember(caps, rank, target.role))
          throw GroupError.forbidden(`${rank} may not remove ${target.role} ${target.userId}`);
    };
    const reason = req.reason ?? '';
    if (caps.storage === 'table') {
      const removed = await this.writes.commit(async (tx) => {
        const loaded = await this.writes.locked(tx, scope);
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
          await this.writes.stage(tx, GroupEvt.MemberKicked, {
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
      await this.writes.emit(GroupEvt.MemberKicked, {
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
    if (loaded.caps.storage === 'room' && loaded.row.ownerId !== actor.userId) {
      // A viewer leaves a room: one Redis transaction and one fact per room and turn (the hot path).
      if (!(await this.roomLeaves.remove(loaded, actor.userId)))
        throw GroupError.forbidden('not a member');
      return {};
    }
    return this.leave(await this.loader.scopeOf(loaded, actor));
  }

  private async leave(scope: GroupScope): Promise<GroupAckReply> {
    const { caps, row, actor, self } = scope;
    if (!self) throw GroupError.forbidden('not a member');
    if (!mayQuit(caps, self.role)) throw GroupError.ownerCannotLeave();
    const wasOwner = self.role === 'Owner';
    if (caps.storage === 'table') {
      await this.writes.commit(async (tx) => {
        const loaded = await this.writes.locked(tx, scope);
        const deleted = await this.members.deleteMembers(
          row.sdkAppId,
          row.groupId,
          [self.userId],
          tx,
        );
        if (!deleted.length) throw GroupError.forbidden('not a member');
        await this.groups.addMemberNum(row.sdkAppId, row.groupId, -1, tx);
        if (wasOwner) await this.ownerGone(tx, loaded.row, actor);
        await this.writes.stage(tx, GroupEvt.MemberLeft, {
          ...groupEventBase(loaded.row, actor, memberChangeNotification(caps, loaded.row.isActive)),
          userIds: deleted,
          leaveKind: 'quit',
        });
      }, row);
    } else {
      await this.rooms.leave(row.sdkAppId, row.groupId, [self.userId]);
      if (wasOwner) await this.writes.commit((tx) => this.ownerGone(tx, row, actor));
      await this.writes.emit(GroupEvt.MemberLeft, {
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
    await this.writes.stage(tx, GroupEvt.OwnerChanged, {
      ...groupEventBase(updated, actor, factNotification(updated.isActive)),
      previousOwnerId: row.ownerId,
      newOwnerId: null,
    });
  }

  /**
   * Removes deleted accounts from every group (consumer of `account.evt.deleted`). A deleted
   * owner leaves the group without owner, like an owner quitting a Private group; the App admin
   * may assign a new one with change_group_owner. Idempotent.
   */
  async removeDeletedAccounts(sdkAppId: number, userIds: readonly string[]): Promise<void> {
    const settings = await this.loader.settingsOf(sdkAppId);
    for (const userId of userIds) {
      for (const groupId of await this.members.groupIdsOf(sdkAppId, userId)) {
        await this.writes.commit(async (tx) => {
          const row = await this.groups.lockGroup(sdkAppId, groupId, tx);
          if (!row) return;
          const caps = this.loader.capsOf(settings, row);
          const deleted = await this.members.deleteMembers(sdkAppId, groupId, [userId], tx);
          if (!deleted.length) return;
          await this.groups.addMemberNum(sdkAppId, groupId, -1, tx);
          if (row.ownerId === userId) await this.ownerGone(tx, row, SYSTEM);
          await this.writes.stage(tx, GroupEvt.MemberLeft, {
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
        if (row.ownerId === userId)
          await this.writes.commit((tx) => this.ownerGone(tx, row, SYSTEM));
        if (removed.length)
          await this.writes.emit(GroupEvt.MemberLeft, {
            ...groupEventBase(
              row,
              SYSTEM,
              memberChangeNotification(this.loader.capsOf(settings, row), true),
            ),
            userIds: removed,
            leaveKind: 'account-deleted',
          });
      }
      await this.joinRequests.deleteByApplicant(sdkAppId, userId);
    }
    this.logger.info({ users: userIds.length }, 'deleted accounts removed from groups');
  }
}
