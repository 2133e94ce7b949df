import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { ErrorCode, RelationEvt, RelationLimits } from '@im/contracts';
import type {
  AcceptFriendRequestReply,
  AcceptFriendRequestRequest,
  CallerContext,
  DeleteFriendRequestRequest,
  FriendRequestAction,
  FriendRequestHandledReply,
  FriendRequestPairRequest,
  GetFriendRequestsReply,
  GetFriendRequestsRequest,
  SnsPrevFriendResponseBody,
} from '@im/contracts';
import {
  EventOutbox,
  PeriodicTask,
  PLATFORM_CONFIG,
  PLATFORM_LOGGER,
  SensitiveWordsCache,
} from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { FriendRequestsRepository } from './friend-requests.repository';
import type { FriendRequestRow } from './friend-requests.repository';
import { FriendAcceptService } from './friend-accept.service';
import type { RelationConfig } from './relation.config';
import type { RelationDb } from './relation.db';
import { RelationCallbacks } from './relation-callbacks.client';
import { RelationError } from './relation.errors';
import { RelationRepository } from './relation.repository';
import { assertActsAs, listNameProblem, remarkProblem } from './relation.rules';
import { RELATION_DB } from './relation.tokens';
import { RelationSettings } from './relation-settings.reader';
import { RelationTransactions } from './relation-transactions.db';

const SWEEP_BATCH = 500;
/** Handled events are remembered as long as the streams keep them (7 days). */
const CONSUMED_EVENTS_KEPT_MS = 7 * 24 * 3600 * 1000;

const notFound = () =>
  new RelationError(ErrorCode.PendingRequestNotFound, 'no such pending friend request');

/**
 * Pending friend requests (REL-13, REL-14, REL-22, REL-23, AMB-29): the lists of a user,
 * accepting, rejecting, deleting, and the sweeper that deletes expired requests and reports
 * them (expired ones are neither listed nor accepted from the moment they expire).
 */
@Injectable()
export class FriendRequestsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweeper: PeriodicTask<number>;

  constructor(
    private readonly requests: FriendRequestsRepository,
    private readonly users: RelationRepository,
    private readonly accepts: FriendAcceptService,
    private readonly transactions: RelationTransactions,
    private readonly settings: RelationSettings,
    private readonly outbox: EventOutbox,
    private readonly callbacks: RelationCallbacks,
    private readonly sensitiveWords: SensitiveWordsCache,
    @Inject(RELATION_DB) private readonly db: RelationDb,
    @Inject(PLATFORM_CONFIG) config: RelationConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {
    this.sweeper = new PeriodicTask(
      { name: 'request sweep', everyMs: config.relation.requestSweepIntervalMs, logger },
      () => this.sweep(),
    );
  }

  async list(
    caller: CallerContext,
    req: GetFriendRequestsRequest,
  ): Promise<GetFriendRequestsReply> {
    assertActsAs(caller, req.userId);
    const offset = req.startIndex ?? 0;
    const limit = req.limit ?? RelationLimits.requestPageMax;
    const { total, rows } = await this.requests.findPage(
      caller.sdkAppId,
      req.userId,
      req.direction,
      offset,
      limit,
    );
    const end = offset + rows.length;
    return {
      requests: rows.map((r) => ({
        fromUserId: r.fromUserId,
        toUserId: r.toUserId,
        addType: r.addType,
        addSource: r.addSource,
        addWording: r.addWording,
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
      })),
      total,
      nextStartIndex: end < total ? end : 0,
    };
  }

  /** The target (`userId`) accepts `fromUserId`'s live request. */
  async accept(
    caller: CallerContext,
    req: AcceptFriendRequestRequest,
  ): Promise<AcceptFriendRequestReply> {
    assertActsAs(caller, req.userId);
    const problem =
      remarkProblem(req.remark) ??
      (req.groupName != null ? listNameProblem(req.groupName) : undefined);
    if (problem) throw new RelationError(problem.code, problem.message);
    const { sdkAppId } = caller;
    if ((await this.sensitiveWords.firstMatch(sdkAppId, [req.remark, req.groupName])) >= 0)
      throw new RelationError(
        ErrorCode.SnsSensitiveWords,
        'a text field contains a sensitive word',
      );
    const app = await this.settings.of(sdkAppId);
    await this.askApp(caller, req.userId, req.fromUserId, (pending) => ({
      Remark: req.remark ?? '',
      TagName: req.groupName ?? '',
      ResponseAction:
        (req.response ?? (pending.addType === 'both' ? 'agree-and-add' : 'agree')) ===
        'agree-and-add'
          ? 'Response_Action_AgreeAndAdd'
          : 'Response_Action_Agree',
    }));
    const { result } = await this.transactions.run(sdkAppId, async (tx, changes) => {
      await this.users.lockUsers(sdkAppId, [req.fromUserId, req.userId], tx);
      const request = await this.requests.findLiveForUpdate(
        sdkAppId,
        req.fromUserId,
        req.userId,
        tx,
      );
      if (!request) throw notFound();
      const both =
        (req.response ?? (request.addType === 'both' ? 'agree-and-add' : 'agree')) ===
        'agree-and-add';
      await this.accepts.createAccepted(
        sdkAppId,
        request,
        both,
        { remark: req.remark ?? undefined, groupName: req.groupName ?? undefined },
        app.friendLimit,
        tx,
        changes,
      );
      await this.requests.deletePairs(
        sdkAppId,
        [{ fromUserId: req.fromUserId, toUserId: req.userId }],
        tx,
      );
      await this.stageHandled(sdkAppId, req.fromUserId, req.userId, 'accepted', tx);
      return both;
    });
    return { isBothWay: result };
  }

  /** The target (`userId`) rejects `peerUserId`'s request; the requester is told (AMB-29). */
  async reject(
    caller: CallerContext,
    req: FriendRequestPairRequest,
  ): Promise<FriendRequestHandledReply> {
    assertActsAs(caller, req.userId);
    await this.askApp(caller, req.userId, req.peerUserId, () => ({
      Remark: '',
      TagName: '',
      ResponseAction: 'Response_Action_Reject',
    }));
    return this.end(caller.sdkAppId, req.peerUserId, req.userId, 'rejected');
  }

  /**
   * `Sns.CallbackPrevFriendResponse` before `responderId` answers `requesterId`'s live request
   * (30614 when there is none); the app's per-friend `ResultCode` refuses it.
   */
  private async askApp(
    caller: CallerContext,
    responderId: string,
    requesterId: string,
    item: (
      pending: FriendRequestRow,
    ) => Omit<SnsPrevFriendResponseBody['ResponseFriendItem'][number], 'To_Account'>,
  ): Promise<void> {
    const { sdkAppId } = caller;
    const refused = await this.callbacks.prevFriendResponse(sdkAppId, async () => {
      const pending = await this.requests.findLive(sdkAppId, requesterId, responderId);
      if (!pending) throw notFound();
      return {
        Requester_Account: caller.callerId,
        From_Account: responderId,
        ResponseFriendItem: [{ To_Account: requesterId, ...item(pending) }],
      };
    });
    const refusal = refused.get(requesterId);
    if (refusal)
      throw new RelationError(refusal.code, refusal.info || 'refused by the app’s callback');
  }

  /** Either party deletes a request: the requester withdraws it, the target drops it. */
  delete(
    caller: CallerContext,
    req: DeleteFriendRequestRequest,
  ): Promise<FriendRequestHandledReply> {
    assertActsAs(caller, req.userId);
    return req.direction === 'incoming'
      ? this.end(caller.sdkAppId, req.peerUserId, req.userId, 'deleted')
      : this.end(caller.sdkAppId, req.userId, req.peerUserId, 'deleted');
  }

  private async end(
    sdkAppId: number,
    fromUserId: string,
    toUserId: string,
    action: FriendRequestAction,
  ): Promise<FriendRequestHandledReply> {
    await this.transactions.run(sdkAppId, async (tx) => {
      const [gone] = await this.requests.deletePairs(sdkAppId, [{ fromUserId, toUserId }], tx);
      // An expired request counts as gone already; the sweeper reports it.
      if (!gone?.isLive) throw notFound();
      await this.stageHandled(sdkAppId, fromUserId, toUserId, action, tx);
    });
    return { fromUserId, toUserId };
  }

  private async stageHandled(
    sdkAppId: number,
    fromUserId: string,
    toUserId: string,
    action: FriendRequestAction,
    tx: Parameters<EventOutbox['stage']>[0],
  ): Promise<void> {
    await this.outbox.stage(tx, RelationEvt.FriendRequestHandled, {
      sdkAppId,
      fromUserId,
      toUserId,
      action,
    });
  }

  // -------------------------------------------------------------------------------------------
  // Expiry (AMB-29)

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }

  /**
   * Deletes expired requests of every app and reports each as expired; forgets handled events
   * past the streams' retention. Returns the number of requests that expired.
   */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.outbox.commit(this.db, async (tx) => {
        const rows = await this.requests.deleteExpired(SWEEP_BATCH, tx);
        for (const r of rows) {
          await this.stageHandled(r.sdkAppId, r.fromUserId, r.toUserId, 'expired', tx);
        }
        return rows.length;
      });
      total += expired;
      if (expired < SWEEP_BATCH) break;
    }
    await this.users.deleteConsumedBefore(new Date(Date.now() - CONSUMED_EVENTS_KEPT_MS));
    if (total) this.logger.info({ expired: total }, 'expired friend requests removed');
    return total;
  }
}
