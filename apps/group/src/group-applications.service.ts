import { Injectable } from '@nestjs/common';

import { ErrorCode, GroupEvt } from '@im/contracts';
import type {
  ApplyJoinReply,
  ApplyJoinRequest,
  CallerContext,
  GetJoinRequestsReply,
  GroupAckReply,
  GroupIdRequest,
  HandleJoinRequestRequest,
} from '@im/contracts';

import { actorOf } from './group-actor.model';
import type { Actor } from './group-actor.model';
import { GroupCallbacks } from './group-callbacks.client';
import type { GroupTx } from './group.db';
import { GroupError } from './group.errors';
import { groupEventBase } from './group-events.mapper';
import { GroupLoader } from './group-loader.service';
import type { LoadedGroup } from './group-loader.service';
import { GroupMemberRepository } from './group-member.repository';
import {
  applyOutcome,
  factNotification,
  mayHandleJoinRequests,
  memberChangeNotification,
} from './group-permissions.rules';
import { nowSeconds } from './group.rules';
import { GroupTransactions } from './group-transactions.db';
import { JoinRequestRepository } from './join-request.repository';
import { MemberAdmission } from './member-admission.service';

/** Applications to join (GRP-48, T6): applying, approving or rejecting, and the pending list. */
@Injectable()
export class GroupApplicationsService {
  constructor(
    private readonly joinRequests: JoinRequestRepository,
    private readonly members: GroupMemberRepository,
    private readonly loader: GroupLoader,
    private readonly admission: MemberAdmission,
    private readonly writes: GroupTransactions,
    private readonly callbacks: GroupCallbacks,
  ) {}

  /** A user applies to join (GRP-48, T6): joined at once, pending, or refused. */
  async applyJoin(caller: CallerContext, req: ApplyJoinRequest): Promise<ApplyJoinReply> {
    const actor = actorOf(caller, req.operatorId);
    if (!actor.userId) throw GroupError.invalid('name the applicant (operatorId)');
    const userId = actor.userId;
    const loaded = await this.loader.loadShared(caller.sdkAppId, req.groupId);
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
    if ((await this.admission.bannedOf(loaded, [userId])).size)
      throw GroupError.forbidden(`${userId} is banned from ${row.groupId}`);
    if (outcome === 'pending') {
      const approverIds =
        caps.storage === 'table'
          ? await this.members.memberIds(caller.sdkAppId, req.groupId, {
              roles: ['Owner', 'Admin'],
            })
          : row.ownerId
            ? [row.ownerId]
            : [];
      await this.writes.commit(async (tx) => {
        const written = await this.joinRequests.upsert(
          {
            sdkAppId: caller.sdkAppId,
            groupId: req.groupId,
            applicantId: userId,
            message: req.message ?? '',
            createdAt: now,
          },
          tx,
        );
        // destroyed while this application was being worked on
        if (!written) throw GroupError.notFound(req.groupId);
        await this.writes.stage(tx, GroupEvt.JoinRequested, {
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
      // A viewer applying by themself is told in the batch's one coalesced fact.
      const announce = joinKind === 'applied' && !inTx;
      if (!(await this.admission.admitToRoom(scope, userId, announce)))
        throw GroupError.alreadyMember(userId);
      if (announce) return;
      if (inTx) await this.writes.commit(inTx);
      await this.writes.emit(GroupEvt.MemberJoined, {
        ...groupEventBase(row, actor, memberChangeNotification(caps, true)),
        userIds: [userId],
        joinKind,
      });
      return;
    }
    await this.writes.commit(async (tx) => {
      if (inTx) await inTx(tx);
      await this.joinRequests.deleteApplicants(row.sdkAppId, row.groupId, [userId], tx);
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
          this.writes.stage(tx, GroupEvt.MemberJoined, {
            ...groupEventBase(row, actor, memberChangeNotification(caps, row.isActive)),
            userIds: added,
            joinKind,
          }),
      );
      if (result.overQuota.length)
        throw GroupError.userQuota(result.overQuota, scope.settings.userGroupLimit);
      if (result.banned.length)
        throw GroupError.forbidden(`${userId} is banned from ${row.groupId}`);
      if (!result.added.length) throw GroupError.alreadyMember(userId);
    }, row);
  }

  /** Owner, admins or the App admin approve or reject an application (GRP-48). */
  async handleJoinRequest(
    caller: CallerContext,
    req: HandleJoinRequestRequest,
  ): Promise<GroupAckReply> {
    const scope = await this.loader.scopeFor(caller, req);
    if (!mayHandleJoinRequests(scope.rank))
      throw GroupError.forbidden(`${scope.rank} may not handle applications`);
    const pending = await this.joinRequests.find(caller.sdkAppId, req.groupId, req.applicantId);
    if (!pending)
      throw new GroupError(
        ErrorCode.GroupRequestAlreadyHandled,
        'no pending application from this user',
      );
    const handled = (tx: GroupTx) =>
      this.writes.stage(tx, GroupEvt.JoinRequestHandled, {
        ...groupEventBase(scope.row, scope.actor, factNotification(scope.row.isActive)),
        applicantId: req.applicantId,
        approved: req.approve,
        reason: req.reason ?? '',
      });
    const consume = async (tx: GroupTx) => {
      if (!(await this.joinRequests.delete(caller.sdkAppId, req.groupId, req.applicantId, tx)))
        throw new GroupError(ErrorCode.GroupRequestAlreadyHandled, 'already handled');
      await handled(tx);
    };
    if (!req.approve) {
      await this.writes.commit(consume);
      return {};
    }
    await this.join(scope, scope.actor, req.applicantId, 'approved', nowSeconds(), consume);
    return {};
  }

  /** Pending applications (owner, admins, App admin). */
  async getJoinRequests(caller: CallerContext, req: GroupIdRequest): Promise<GetJoinRequestsReply> {
    const scope = await this.loader.scopeFor(caller, req);
    if (!mayHandleJoinRequests(scope.rank))
      throw GroupError.forbidden(`${scope.rank} may not see applications`);
    const rows = await this.joinRequests.findByGroup(caller.sdkAppId, req.groupId);
    return {
      requests: rows.map((r) => ({
        applicantId: r.applicantId,
        message: r.message,
        createdAt: r.createdAt,
      })),
    };
  }
}
