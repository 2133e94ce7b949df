import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, RelationEvt } from '@im/contracts';
import type {
  AddFriendItem,
  AddFriendsRequest,
  AddType,
  CallerContext,
  ProfileSettings,
  RelationResultsReply,
} from '@im/contracts';
import { EventOutbox, PLATFORM_LOGGER, SensitiveWordsCache } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { BlacklistRepository } from './blacklist.repository';
import { addItemProblem, friendRow, screenItems } from './friend-add.rules';
import type { ScreenedItems } from './friend-add.rules';
import type { FriendFields } from './friend-add.rules';
import { FriendListsService } from './friend-lists.service';
import { FriendRequestsRepository } from './friend-requests.repository';
import { FriendsRepository } from './friends.repository';
import { inSequence } from './relation.db';
import type { RelationTx } from './relation.db';
import { RelationCallbacks } from './relation-callbacks.client';
import { RelationRepository } from './relation.repository';
import {
  assertActsAs,
  assertPrivileged,
  decideFriendAdd,
  epochSeconds,
  fail,
  inOrder,
  OK,
  sensitiveProblem,
} from './relation.rules';
import type { ItemFailure } from './relation.rules';
import { RelationSettings } from './relation-settings.reader';
import type { AppRelationSettings } from './relation-settings.reader';
import { RelationTransactions } from './relation-transactions.db';
import type { ChangeSet } from './relation-transactions.db';
import { UsersClient } from './users.client';

const PENDING: ItemFailure = {
  code: ErrorCode.FriendRequestPending,
  message: 'the target must confirm; the request is pending',
};

/** One friend_add in its transaction: who adds, how, and what is known of the targets. */
interface AddRun {
  sdkAppId: number;
  userId: string;
  addType: AddType;
  force: boolean;
  app: AppRelationSettings;
  profiles: Map<string, ProfileSettings>;
  results: Map<string, ItemFailure>;
  tx: RelationTx;
  changes: ChangeSet;
}

/**
 * friend_add (one and two rounds, REL-11 … REL-21), and the writes every new friendship shares
 * with accepting a request (FriendAcceptService): the second direction, settled requests.
 */
@Injectable()
export class FriendAddService {
  constructor(
    private readonly friends: FriendsRepository,
    private readonly blacklist: BlacklistRepository,
    private readonly requests: FriendRequestsRepository,
    private readonly users: RelationRepository,
    private readonly lists: FriendListsService,
    private readonly transactions: RelationTransactions,
    private readonly settings: RelationSettings,
    private readonly directory: UsersClient,
    private readonly outbox: EventOutbox,
    private readonly callbacks: RelationCallbacks,
    private readonly sensitiveWords: SensitiveWordsCache,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async addFriends(caller: CallerContext, req: AddFriendsRequest): Promise<RelationResultsReply> {
    assertActsAs(caller, req.userId);
    const force = req.force === true;
    if (force) assertPrivileged(caller, 'ForceAddFlags');
    const { sdkAppId } = caller;
    const userId = req.userId;
    const addType = req.addType ?? 'both';
    const app = await this.settings.of(sdkAppId);
    const words = await this.sensitiveWords.matcherOf(sdkAppId);
    let profiles = new Map<string, ProfileSettings>();
    const screened = await screenItems(
      userId,
      req.items,
      (item) =>
        addItemProblem(userId, item, app) ??
        sensitiveProblem(words, [item.remark, item.addWording, item.groupName]),
      async (ids) => {
        profiles = await this.directory.settings(sdkAppId, ids);
        return new Set(ids.filter((id) => profiles.get(id)?.exists));
      },
    );
    const { targets, results } = screened;
    if (screened.candidates.length === 0) return { results: inOrder(targets, results) };
    const candidates = await this.askApp(caller, req, addType, screened);
    if (candidates.length === 0) return { results: inOrder(targets, results) };
    await this.transactions.run(sdkAppId, (tx, changes) =>
      this.addAll(
        { sdkAppId, userId, addType, force, app, profiles, results, tx, changes },
        candidates,
      ),
    );
    this.logger.info({ userId, targets: targets.length }, 'friends added');
    return { results: inOrder(targets, results) };
  }

  /** Sns.CallbackPrevFriendAdd: the app may refuse single friends (ResultItem). */
  private async askApp(
    caller: CallerContext,
    req: AddFriendsRequest,
    addType: AddType,
    { candidates, results }: ScreenedItems<AddFriendItem>,
  ): Promise<AddFriendItem[]> {
    const refused = await this.callbacks.prevFriendAdd(caller.sdkAppId, () => ({
      Requester_Account: caller.callerId,
      From_Account: req.userId,
      FriendItem: candidates.map((c) => ({
        To_Account: c.toUserId,
        Remark: c.remark ?? '',
        GroupName: c.groupName ?? '',
        AddSource: c.addSource ?? '',
        AddWording: c.addWording ?? '',
      })),
      AddType: addType === 'single' ? 'Add_Type_Single' : 'Add_Type_Both',
      ForceAddFlags: req.force === true ? 1 : 0,
    }));
    return candidates.filter((c) => {
      const refusal = refused.get(c.toUserId);
      if (!refusal) return true;
      results.set(c.toUserId, fail(refusal.code, refusal.info || 'refused by the app’s callback'));
      return false;
    });
  }

  /** The transaction of a friend_add: every target decided and carried out in turn. */
  private async addAll(run: AddRun, candidates: AddFriendItem[]): Promise<void> {
    const { sdkAppId, userId, tx } = run;
    const ids = candidates.map((c) => c.toUserId);
    await this.users.lockUsers(sdkAppId, [userId, ...ids], tx);
    const [forward, reverse, blocked, blockers, counts] = await inSequence(
      () => this.friends.findFriends(sdkAppId, userId, ids, tx),
      () => this.friends.findOwnersHaving(sdkAppId, userId, ids, tx),
      () => this.blacklist.findBlocked(sdkAppId, userId, ids, tx),
      () => this.blacklist.findBlockers(sdkAppId, userId, ids, tx),
      () => this.friends.countFriends(sdkAppId, [userId, ...ids], tx),
    );
    const now = epochSeconds();
    const addedForward: string[] = [];
    for (const item of candidates) {
      const target = item.toUserId;
      const decision = decideFriendAdd({
        addType: run.addType,
        force: run.force,
        requesterForbid: run.profiles.get(userId)!.adminForbidType,
        targetAllowType: run.profiles.get(target)!.allowType,
        requesterBlocksTarget: blocked.has(target),
        targetBlocksRequester: blockers.has(target),
        hasForward: forward.has(target),
        hasReverse: reverse.has(target),
        requesterFriendCount: counts.get(userId)!,
        targetFriendCount: counts.get(target)!,
        friendLimit: run.app.friendLimit,
      });
      if (decision.kind === 'fail')
        run.results.set(target, { code: decision.code, message: decision.message });
      else if (decision.kind === 'pending') await this.requestConfirmation(run, item);
      else if (await this.addOne(run, item, decision, reverse.has(target), counts, now))
        addedForward.push(target);
    }
    if (addedForward.length === 0) return;
    run.changes.friendListChanged(userId);
    await this.outbox.stage(tx, RelationEvt.FriendsAdded, {
      sdkAppId,
      userId,
      friendIds: addedForward,
      via: 'add',
    });
  }

  /** A NeedConfirm target: the pending request is made or renewed (30539). */
  private async requestConfirmation(run: AddRun, item: AddFriendItem): Promise<void> {
    const { sdkAppId, userId, addType, tx } = run;
    const request = await this.requests.upsert(
      sdkAppId,
      {
        fromUserId: userId,
        toUserId: item.toUserId,
        addType,
        addSource: item.addSource!,
        addWording: item.addWording ?? '',
        remark: item.remark ?? '',
        groupName: item.groupName ?? null,
        ttlDays: run.app.requestTtlDays,
      },
      tx,
    );
    await this.outbox.stage(tx, RelationEvt.FriendRequestCreated, {
      sdkAppId,
      fromUserId: userId,
      toUserId: item.toUserId,
      addType,
      addSource: request.addSource,
      addWording: request.addWording,
      expiresAt: request.expiresAt,
    });
    run.results.set(item.toUserId, PENDING);
  }

  /**
   * Creates the missing directions of one add; true when the requester's direction is new.
   * A list the requester cannot get (30011) fails the target.
   */
  private async addOne(
    run: AddRun,
    item: AddFriendItem,
    decision: { forward: boolean; reverse: boolean },
    hadReverse: boolean,
    counts: Map<string, number>,
    now: number,
  ): Promise<boolean> {
    const { sdkAppId, userId, tx, changes } = run;
    const target = item.toUserId;
    if (decision.forward && item.groupName != null) {
      const problem = await this.lists.ensureLists(sdkAppId, userId, [item.groupName], tx, changes);
      if (problem) {
        run.results.set(target, problem);
        return false;
      }
    }
    if (decision.forward) {
      const fields: FriendFields = {
        remark: item.remark,
        groups: item.groupName != null ? [item.groupName] : [],
        addSource: item.addSource!,
        addWording: item.addWording,
      };
      await this.friends.insertFriends(sdkAppId, [friendRow(userId, target, fields, now)], tx);
      counts.set(userId, counts.get(userId)! + 1);
    }
    if (decision.reverse) {
      await this.insertReverse(sdkAppId, target, userId, item.addSource!, now, tx, changes);
      counts.set(target, counts.get(target)! + 1);
    }
    await this.settleRequests(sdkAppId, userId, target, decision.reverse || hadReverse, tx);
    run.results.set(target, OK);
    return decision.forward;
  }

  /** `ownerId` gets `friendId` in its table (the second direction of a two-way add). */
  async insertReverse(
    sdkAppId: number,
    ownerId: string,
    friendId: string,
    addSource: string,
    now: number,
    tx: RelationTx,
    changes: ChangeSet,
    fields: { remark?: string; groupName?: string | null } = {},
    via: 'add' | 'accept' = 'add',
  ): Promise<void> {
    const groups = fields.groupName ? [fields.groupName] : [];
    const row = friendRow(ownerId, friendId, { remark: fields.remark, groups, addSource }, now);
    await this.friends.insertFriends(sdkAppId, [row], tx);
    changes.friendListChanged(ownerId);
    await this.outbox.stage(tx, RelationEvt.FriendsAdded, {
      sdkAppId,
      userId: ownerId,
      friendIds: [friendId],
      via,
    });
  }

  /**
   * Pending requests a new friendship fulfils: `from`'s request to `to` (now in its table), and
   * `to`'s request to `from` when `to` has `from` now too. Reported as accepted.
   */
  private async settleRequests(
    sdkAppId: number,
    from: string,
    to: string,
    toHasFrom: boolean,
    tx: RelationTx,
  ): Promise<void> {
    const pairs = [{ fromUserId: from, toUserId: to }];
    if (toHasFrom) pairs.push({ fromUserId: to, toUserId: from });
    await this.settlePairs(sdkAppId, pairs, tx);
  }

  /** Deletes the requests of the pairs and reports the live ones accepted. */
  async settlePairs(
    sdkAppId: number,
    pairs: { fromUserId: string; toUserId: string }[],
    tx: RelationTx,
  ): Promise<void> {
    const settled = await this.requests.deletePairs(sdkAppId, pairs, tx);
    for (const r of settled.filter((s) => s.isLive)) {
      await this.outbox.stage(tx, RelationEvt.FriendRequestHandled, {
        sdkAppId,
        fromUserId: r.fromUserId,
        toUserId: r.toUserId,
        action: 'accepted',
      });
    }
  }
}
