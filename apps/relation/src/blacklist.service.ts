import { Injectable } from '@nestjs/common';

import { ErrorCode, RelationEvt, RelationLimits } from '@im/contracts';
import type {
  CallerContext,
  CheckRelationsReply,
  CheckRelationsRequest,
  GetBlacklistReply,
  GetBlacklistRequest,
  RelationResultsReply,
  RelationUsersRequest,
} from '@im/contracts';
import { EventOutbox } from '@im/platform';

import { BlacklistRepository } from './blacklist.repository';
import { FriendRequestsRepository } from './friend-requests.repository';
import { FriendsService } from './friends.service';
import { inSequence } from './relation.db';
import type { RelationTx } from './relation.db';
import { RelationError } from './relation.errors';
import { RelationRepository } from './relation.repository';
import {
  assertActsAs,
  checkPairs,
  distinct,
  fail,
  inOrder,
  OK,
  pageWindow,
  targetProblem,
} from './relation.rules';
import type { ItemFailure } from './relation.rules';
import { RelationSettings } from './relation-settings.reader';
import { RelationTransactions } from './relation-transactions.db';
import type { ChangeSet } from './relation-transactions.db';
import { UsersClient } from './users.client';

/** The blacklist (docs/requirements.md §6.7): add, remove, page, check. */
@Injectable()
export class BlacklistService {
  constructor(
    private readonly blacklist: BlacklistRepository,
    private readonly requests: FriendRequestsRepository,
    private readonly users: RelationRepository,
    private readonly friends: FriendsService,
    private readonly transactions: RelationTransactions,
    private readonly settings: RelationSettings,
    private readonly directory: UsersClient,
    private readonly outbox: EventOutbox,
  ) {}

  /**
   * Adds targets to `userId`'s blacklist (REL-35, REL-38): friendships between them go both
   * ways, pending requests between them are deleted; an entry that exists stays as it is (0);
   * past the app's limit 30013; unknown accounts 30003.
   */
  async add(caller: CallerContext, req: RelationUsersRequest): Promise<RelationResultsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const userId = req.userId;
    const targets = distinct(req.toUserIds);
    const results = new Map<string, ItemFailure>();
    let valid = targets.filter((t) => {
      const problem = targetProblem(userId, t);
      if (problem) results.set(t, problem);
      return !problem;
    });
    if (valid.length === 0) return { results: inOrder(targets, results) };
    const [app, existing] = await Promise.all([
      this.settings.of(sdkAppId),
      this.directory.existing(sdkAppId, [userId, ...valid]),
    ]);
    if (!existing.has(userId))
      throw new RelationError(ErrorCode.SnsAccountNotFound, `account ${userId} does not exist`);
    valid = valid.filter((t) => {
      if (existing.has(t)) return true;
      results.set(t, fail(ErrorCode.SnsAccountNotFound, 'To_Account does not exist'));
      return false;
    });
    if (valid.length === 0) return { results: inOrder(targets, results) };

    await this.transactions.run(sdkAppId, (tx, changes) =>
      this.blockAll(sdkAppId, userId, valid, app.blacklistLimit, results, tx, changes),
    );
    return { results: inOrder(targets, results) };
  }

  /** The transaction of a black_list_add: the entries that fit, then what they end. */
  private async blockAll(
    sdkAppId: number,
    userId: string,
    valid: string[],
    limit: number,
    results: Map<string, ItemFailure>,
    tx: RelationTx,
    changes: ChangeSet,
  ): Promise<void> {
    await this.users.lockUsers(sdkAppId, [userId, ...valid], tx);
    const [already, count] = await inSequence(
      () => this.blacklist.findBlocked(sdkAppId, userId, valid, tx),
      () => this.blacklist.count(sdkAppId, userId, tx),
    );
    let size = count;
    const added: string[] = [];
    for (const t of valid) {
      if (already.has(t)) {
        results.set(t, OK);
        continue;
      }
      if (size + 1 > limit) {
        results.set(t, fail(ErrorCode.BlacklistLimitReached, 'the blacklist is full'));
        continue;
      }
      size++;
      added.push(t);
      results.set(t, OK);
    }
    if (added.length === 0) return;
    await this.blacklist.insert(sdkAppId, userId, added, tx);
    changes.blacklistChanged(userId);
    await this.outbox.stage(tx, RelationEvt.BlacklistChanged, {
      sdkAppId,
      userId,
      addedUserIds: added,
      removedUserIds: [],
    });
    await this.separate(sdkAppId, userId, added, tx, changes);
  }

  /** A new block ends the friendship both ways and the pending requests either way. */
  private async separate(
    sdkAppId: number,
    userId: string,
    blocked: string[],
    tx: RelationTx,
    changes: ChangeSet,
  ): Promise<void> {
    const pairs = blocked.flatMap((t) => [
      { userId, friendId: t },
      { userId: t, friendId: userId },
    ]);
    await this.friends.removePairs(sdkAppId, pairs, 'blacklist', tx, changes);
    const dropped = await this.requests.deletePairs(
      sdkAppId,
      blocked.flatMap((t) => [
        { fromUserId: userId, toUserId: t },
        { fromUserId: t, toUserId: userId },
      ]),
      tx,
    );
    for (const r of dropped.filter((d) => d.isLive)) {
      await this.outbox.stage(tx, RelationEvt.FriendRequestHandled, {
        sdkAppId,
        fromUserId: r.fromUserId,
        toUserId: r.toUserId,
        action: 'deleted',
      });
    }
  }

  /** Removes targets (absent ones too: 0); friendships do not come back (REL-38). */
  async remove(caller: CallerContext, req: RelationUsersRequest): Promise<RelationResultsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const targets = distinct(req.toUserIds);
    const results = new Map<string, ItemFailure>();
    const valid = targets.filter((t) => {
      const problem = targetProblem(req.userId, t);
      if (problem) results.set(t, problem);
      return !problem;
    });
    if (valid.length) {
      await this.transactions.run(sdkAppId, async (tx, changes) => {
        await this.users.lockUsers(sdkAppId, [req.userId], tx);
        const removed = await this.blacklist.delete(sdkAppId, req.userId, valid, tx);
        if (removed.length === 0) return;
        changes.blacklistChanged(req.userId);
        await this.outbox.stage(tx, RelationEvt.BlacklistChanged, {
          sdkAppId,
          userId: req.userId,
          addedUserIds: [],
          removedUserIds: removed,
        });
      });
    }
    return { results: inOrder(targets, results) };
  }

  async get(caller: CallerContext, req: GetBlacklistRequest): Promise<GetBlacklistReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const [seq, total] = await Promise.all([
      this.users.findSequences(sdkAppId, req.userId),
      this.blacklist.count(sdkAppId, req.userId),
    ]);
    const size = Math.min(req.maxCount, RelationLimits.blacklistPageMax);
    const window = pageWindow(total, req.startIndex, size);
    const rows = await this.blacklist.findPage(sdkAppId, req.userId, window.offset, window.limit);
    return {
      entries: rows.map((r) => ({ userId: r.blockedId, addedAt: r.addedAt })),
      nextStartIndex: window.nextStartIndex,
      sequence: seq.blacklistSequence,
    };
  }

  /** REL-39, REL-40: whose blacklist has whom. */
  async check(caller: CallerContext, req: CheckRelationsRequest): Promise<CheckRelationsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    return checkPairs(
      req,
      (targets) => this.blacklist.findBlocked(sdkAppId, req.userId, targets),
      (targets) => this.blacklist.findBlockers(sdkAppId, req.userId, targets),
    );
  }
}
