import { Inject, Injectable } from '@nestjs/common';

import {
  ErrorCode,
  PROFILE_CUSTOM_TAG_PATTERN,
  ProfileTags,
  RelationEvt,
  RelationLimits,
  SnsTags,
  StandardProfileTags,
} from '@im/contracts';
import type {
  AddFriendItem,
  AddFriendsRequest,
  CallerContext,
  CheckRelationsReply,
  CheckRelationsRequest,
  DeleteAllFriendsReply,
  DeleteAllFriendsRequest,
  DeleteFriendsRequest,
  FindFriendsReply,
  FindFriendsRequest,
  FriendProfileResult,
  GetFriendProfilesReply,
  GetFriendProfilesRequest,
  GetFriendsReply,
  GetFriendsRequest,
  ImportFriendItem,
  ImportFriendsRequest,
  RelationResultItem,
  RelationResultsReply,
  SnsItem,
  SyncFriendsReply,
  SyncFriendsRequest,
  UpdateFriendsRequest,
  UserProfile,
} from '@im/contracts';
import { EventOutbox, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { BlacklistRepository } from './blacklist.repository';
import {
  friendItems,
  friendTagValue,
  isFailure,
  isStandardSnsTag,
  listNamesProblem,
  parseFriendUpdate,
} from './friend-fields';
import { FriendListsService } from './friend-lists.service';
import { FriendRequestsRepository } from './friend-requests.repository';
import { FriendsRepository } from './friends.repository';
import type { NewFriend } from './friends.repository';
import type { RelationTx } from './relation.db';
import { RelationCallbacks } from './relation-callbacks';
import { RelationError } from './relation.errors';
import { inSequence } from './relation.sequential';
import { RelationRepository } from './relation.repository';
import {
  addSourceProblem,
  addWordingProblem,
  assertActsAs,
  assertPrivileged,
  checkRelation,
  customValueProblem,
  decideFriendAdd,
  distinct,
  distinctBy,
  fail,
  isSnsCustomTag,
  listNameProblem,
  pageWindow,
  remarkProblem,
  targetProblem,
} from './relation.rules';
import type { ItemFailure } from './relation.rules';
import { RelationSettings } from './relation-settings';
import type { AppRelationSettings } from './relation-settings';
import { epochSeconds } from './relation.time';
import { ChangeSet, RelationTransactions } from './relation-transactions';
import { UserDirectory } from './user-directory';

const OK: ItemFailure = { code: ErrorCode.Ok, message: '' };
const PENDING: ItemFailure = {
  code: ErrorCode.FriendRequestPending,
  message: 'the target must confirm; the request is pending',
};
const NOT_FOUND = (what: string): ItemFailure =>
  fail(ErrorCode.SnsAccountNotFound, `${what} does not exist`);
const NOT_A_FRIEND: ItemFailure = fail(ErrorCode.NotAFriend, 'not a friend');

/** Results in the order of the distinct targets. */
function inOrder(targets: string[], results: Map<string, ItemFailure>): RelationResultItem[] {
  return targets.map((userId) => ({ userId, ...(results.get(userId) ?? OK) }));
}

/**
 * The friend table: adding (one and two rounds), importing, updating, deleting, checking and
 * reading friends (product.md §6.1 … §6.6).
 */
@Injectable()
export class FriendsService {
  constructor(
    private readonly friends: FriendsRepository,
    private readonly blacklist: BlacklistRepository,
    private readonly requests: FriendRequestsRepository,
    private readonly users: RelationRepository,
    private readonly lists: FriendListsService,
    private readonly transactions: RelationTransactions,
    private readonly settings: RelationSettings,
    private readonly directory: UserDirectory,
    private readonly outbox: EventOutbox,
    private readonly callbacks: RelationCallbacks,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  // -------------------------------------------------------------------------------------------
  // friend_add (REL-11 … REL-21)

  async addFriends(caller: CallerContext, req: AddFriendsRequest): Promise<RelationResultsReply> {
    assertActsAs(caller, req.userId);
    const force = req.force === true;
    if (force) assertPrivileged(caller, 'ForceAddFlags');
    const { sdkAppId } = caller;
    const userId = req.userId;
    const addType = req.addType ?? 'both';
    const app = await this.settings.of(sdkAppId);
    const items = distinctBy(req.items, (i) => i.toUserId);
    const targets = items.map((i) => i.toUserId);
    const results = new Map<string, ItemFailure>();
    let candidates = items.filter((item) => {
      const problem = addItemProblem(userId, item, app);
      if (problem) results.set(item.toUserId, problem);
      return !problem;
    });
    if (candidates.length === 0) return { results: inOrder(targets, results) };

    const profiles = await this.directory.settings(sdkAppId, [
      userId,
      ...candidates.map((c) => c.toUserId),
    ]);
    const requester = profiles.get(userId);
    if (!requester?.exists)
      throw new RelationError(ErrorCode.SnsAccountNotFound, `account ${userId} does not exist`);
    candidates = candidates.filter((c) => {
      if (profiles.get(c.toUserId)?.exists) return true;
      results.set(c.toUserId, NOT_FOUND('To_Account'));
      return false;
    });
    if (candidates.length === 0) return { results: inOrder(targets, results) };

    // Sns.CallbackPrevFriendAdd: the app may refuse single friends (ResultItem).
    const asked = candidates;
    const refused = await this.callbacks.prevFriendAdd(sdkAppId, () => ({
      Requester_Account: caller.callerId,
      From_Account: userId,
      FriendItem: asked.map((c) => ({
        To_Account: c.toUserId,
        Remark: c.remark ?? '',
        GroupName: c.groupName ?? '',
        AddSource: c.addSource ?? '',
        AddWording: c.addWording ?? '',
      })),
      AddType: addType === 'single' ? 'Add_Type_Single' : 'Add_Type_Both',
      ForceAddFlags: force ? 1 : 0,
    }));
    candidates = candidates.filter((c) => {
      const refusal = refused.get(c.toUserId);
      if (!refusal) return true;
      results.set(c.toUserId, fail(refusal.code, refusal.info || 'refused by the app’s callback'));
      return false;
    });
    if (candidates.length === 0) return { results: inOrder(targets, results) };

    await this.transactions.run(sdkAppId, async (tx, changes) => {
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
          addType,
          force,
          requesterForbid: requester.adminForbidType,
          targetAllowType: profiles.get(target)!.allowType,
          requesterBlocksTarget: blocked.has(target),
          targetBlocksRequester: blockers.has(target),
          hasForward: forward.has(target),
          hasReverse: reverse.has(target),
          requesterFriendCount: counts.get(userId)!,
          targetFriendCount: counts.get(target)!,
          friendLimit: app.friendLimit,
        });
        if (decision.kind === 'fail') {
          results.set(target, { code: decision.code, message: decision.message });
          continue;
        }
        if (decision.kind === 'pending') {
          const request = await this.requests.upsert(
            sdkAppId,
            {
              fromUserId: userId,
              toUserId: target,
              addType,
              addSource: item.addSource!,
              addWording: item.addWording ?? '',
              remark: item.remark ?? '',
              groupName: item.groupName ?? null,
              ttlDays: app.requestTtlDays,
            },
            tx,
          );
          await this.outbox.stage(tx, RelationEvt.FriendRequestCreated, {
            sdkAppId,
            fromUserId: userId,
            toUserId: target,
            addType,
            addSource: request.addSource,
            addWording: request.addWording,
            expiresAt: request.expiresAt,
          });
          results.set(target, PENDING);
          continue;
        }
        if (decision.forward && item.groupName != null) {
          const problem = await this.lists.ensureLists(
            sdkAppId,
            userId,
            [item.groupName],
            tx,
            changes,
          );
          if (problem) {
            results.set(target, problem);
            continue;
          }
        }
        if (decision.forward) {
          await this.friends.insertFriends(
            sdkAppId,
            [
              {
                userId,
                friendId: target,
                remark: item.remark ?? '',
                remarkTime: item.remark ? now : 0,
                groups: item.groupName != null ? [item.groupName] : [],
                addSource: item.addSource!,
                addWording: item.addWording ?? '',
                addTime: now,
                custom: {},
              },
            ],
            tx,
          );
          counts.set(userId, counts.get(userId)! + 1);
          addedForward.push(target);
        }
        if (decision.reverse) {
          await this.insertReverse(sdkAppId, target, userId, item.addSource!, now, tx, changes);
          counts.set(target, counts.get(target)! + 1);
        }
        await this.settleRequests(
          sdkAppId,
          userId,
          target,
          decision.reverse || reverse.has(target),
          tx,
        );
        results.set(target, OK);
      }
      if (addedForward.length) {
        changes.friendListChanged(userId);
        await this.outbox.stage(tx, RelationEvt.FriendsAdded, {
          sdkAppId,
          userId,
          friendIds: addedForward,
          via: 'add',
        });
      }
    });
    this.logger.info({ userId, targets: targets.length }, 'friends added');
    return { results: inOrder(targets, results) };
  }

  /** `ownerId` gets `friendId` in its table (the second direction of a two-way add). */
  private async insertReverse(
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
    await this.friends.insertFriends(
      sdkAppId,
      [
        {
          userId: ownerId,
          friendId,
          remark: fields.remark ?? '',
          remarkTime: fields.remark ? now : 0,
          groups: fields.groupName ? [fields.groupName] : [],
          addSource,
          addWording: '',
          addTime: now,
          custom: {},
        },
      ],
      tx,
    );
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

  // -------------------------------------------------------------------------------------------
  // Accepting a pending request (REL-13 round two); called by FriendRequestsService.

  /**
   * Creates what an accepted request asks for inside the caller's transaction (both users
   * locked): `from` gets `to`; with `both`, `to` gets `from` too. Limits as for an add, seen from
   * the acceptor (`to`): its own table 30010, the requester's 30014.
   */
  async createAccepted(
    sdkAppId: number,
    request: {
      fromUserId: string;
      toUserId: string;
      addSource: string;
      addWording: string;
      remark: string;
      groupName: string | null;
    },
    both: boolean,
    acceptor: { remark?: string; groupName?: string },
    friendLimit: number,
    tx: RelationTx,
    changes: ChangeSet,
  ): Promise<void> {
    const { fromUserId: from, toUserId: to } = request;
    const [hasForward, hasReverse, counts] = await inSequence<
      [boolean, boolean, Map<string, number>]
    >(
      () => this.friends.findFriends(sdkAppId, from, [to], tx).then((m) => m.has(to)),
      () => this.friends.findFriends(sdkAppId, to, [from], tx).then((m) => m.has(from)),
      () => this.friends.countFriends(sdkAppId, [from, to], tx),
    );
    if (!hasForward && counts.get(from)! + 1 > friendLimit)
      throw new RelationError(ErrorCode.PeerFriendLimitReached, "the requester's table is full");
    if (both && !hasReverse && counts.get(to)! + 1 > friendLimit)
      throw new RelationError(ErrorCode.FriendLimitReached, 'your friend table is full');
    const now = epochSeconds();
    if (both && !hasReverse && acceptor.groupName) {
      const problem = await this.lists.ensureLists(sdkAppId, to, [acceptor.groupName], tx, changes);
      if (problem) throw new RelationError(problem.code, problem.message);
    }
    if (!hasForward) {
      let groups = request.groupName ? [request.groupName] : [];
      if (groups.length) {
        const problem = await this.lists.ensureLists(sdkAppId, from, groups, tx, changes);
        // The requester made 32 lists since asking: the friend comes without the list.
        if (problem) {
          this.logger.info({ userId: from }, 'friend list of an accepted request not created');
          groups = [];
        }
      }
      await this.friends.insertFriends(
        sdkAppId,
        [
          {
            userId: from,
            friendId: to,
            remark: request.remark,
            remarkTime: request.remark ? now : 0,
            groups,
            addSource: request.addSource,
            addWording: request.addWording,
            addTime: now,
            custom: {},
          },
        ],
        tx,
      );
      changes.friendListChanged(from);
      await this.outbox.stage(tx, RelationEvt.FriendsAdded, {
        sdkAppId,
        userId: from,
        friendIds: [to],
        via: 'accept',
      });
    }
    if (both && !hasReverse) {
      await this.insertReverse(
        sdkAppId,
        to,
        from,
        request.addSource,
        now,
        tx,
        changes,
        acceptor,
        'accept',
      );
    }
    // `to`'s own request to `from`, if any, is fulfilled when `to` has `from` now.
    if (both || hasReverse) {
      const settled = await this.requests.deletePairs(
        sdkAppId,
        [{ fromUserId: to, toUserId: from }],
        tx,
      );
      for (const r of settled.filter((s) => s.isLive))
        await this.outbox.stage(tx, RelationEvt.FriendRequestHandled, {
          sdkAppId,
          fromUserId: r.fromUserId,
          toUserId: r.toUserId,
          action: 'accepted',
        });
    }
  }

  // -------------------------------------------------------------------------------------------
  // friend_import

  async importFriends(
    caller: CallerContext,
    req: ImportFriendsRequest,
  ): Promise<RelationResultsReply> {
    assertPrivileged(caller, 'friend_import');
    const { sdkAppId } = caller;
    const userId = req.userId;
    const app = await this.settings.of(sdkAppId);
    const items = distinctBy(req.items, (i) => i.toUserId);
    const targets = items.map((i) => i.toUserId);
    const results = new Map<string, ItemFailure>();
    let candidates = items.filter((item) => {
      const problem = importItemProblem(userId, item, app);
      if (problem) results.set(item.toUserId, problem);
      return !problem;
    });
    if (candidates.length === 0) return { results: inOrder(targets, results) };
    const existing = await this.directory.existing(sdkAppId, [
      userId,
      ...candidates.map((c) => c.toUserId),
    ]);
    if (!existing.has(userId))
      throw new RelationError(ErrorCode.SnsAccountNotFound, `account ${userId} does not exist`);
    candidates = candidates.filter((c) => {
      if (existing.has(c.toUserId)) return true;
      results.set(c.toUserId, NOT_FOUND('To_Account'));
      return false;
    });

    await this.transactions.run(sdkAppId, async (tx, changes) => {
      const ids = candidates.map((c) => c.toUserId);
      await this.users.lockUsers(sdkAppId, [userId], tx);
      const [forward, blocked, blockers, counts] = await inSequence(
        () => this.friends.findFriends(sdkAppId, userId, ids, tx),
        () => this.blacklist.findBlocked(sdkAppId, userId, ids, tx),
        () => this.blacklist.findBlockers(sdkAppId, userId, ids, tx),
        () => this.friends.countFriends(sdkAppId, [userId], tx),
      );
      let count = counts.get(userId)!;
      const now = epochSeconds();
      const added: string[] = [];
      for (const item of candidates) {
        const target = item.toUserId;
        let problem: ItemFailure | undefined;
        if (blocked.has(target))
          problem = fail(ErrorCode.TargetInRequesterBlacklist, 'the target is in the blacklist');
        else if (blockers.has(target))
          problem = fail(
            ErrorCode.RequesterInTargetBlacklist,
            "the user is in the target's blacklist",
          );
        else if (forward.has(target))
          problem = fail(ErrorCode.SnsInvalidParameters, 'already a friend');
        else if (count + 1 > app.friendLimit)
          problem = fail(ErrorCode.FriendLimitReached, 'the friend table is full');
        const groups = distinct(item.groupNames ?? []);
        problem ??= await this.lists.ensureLists(sdkAppId, userId, groups, tx, changes);
        if (problem) {
          results.set(target, problem);
          continue;
        }
        const row: NewFriend = {
          userId,
          friendId: target,
          remark: item.remark ?? '',
          remarkTime: item.remarkTime ?? (item.remark ? now : 0),
          groups,
          addSource: item.addSource!,
          addWording: item.addWording ?? '',
          addTime: item.addTime ?? now,
          custom: Object.fromEntries(
            (item.customItems ?? []).map((c) => [c.tag, c.value as string]),
          ),
        };
        await this.friends.insertFriends(sdkAppId, [row], tx);
        count++;
        added.push(target);
        results.set(target, OK);
      }
      if (added.length) {
        changes.friendListChanged(userId);
        await this.outbox.stage(tx, RelationEvt.FriendsAdded, {
          sdkAppId,
          userId,
          friendIds: added,
          via: 'import',
        });
      }
    });
    return { results: inOrder(targets, results) };
  }

  // -------------------------------------------------------------------------------------------
  // friend_update (REL-31)

  async updateFriends(
    caller: CallerContext,
    req: UpdateFriendsRequest,
  ): Promise<RelationResultsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const userId = req.userId;
    const app = await this.settings.of(sdkAppId);
    const items = distinctBy(req.items, (i) => i.toUserId);
    const targets = items.map((i) => i.toUserId);
    const results = new Map<string, ItemFailure>();
    const now = epochSeconds();
    const parsed = items.flatMap((item) => {
      const problem = targetProblem(userId, item.toUserId);
      const update = problem ?? parseFriendUpdate(item.items, app.snsCustomFields, now);
      if (isFailure(update)) {
        results.set(item.toUserId, update);
        return [];
      }
      return [{ toUserId: item.toUserId, update }];
    });
    if (parsed.length === 0) return { results: inOrder(targets, results) };

    await this.transactions.run(sdkAppId, async (tx, changes) => {
      await this.users.lockUsers(sdkAppId, [userId], tx);
      const rows = await this.friends.findFriends(
        sdkAppId,
        userId,
        parsed.map((p) => p.toUserId),
        tx,
      );
      const updated: string[] = [];
      const tags = new Set<string>();
      for (const { toUserId, update } of parsed) {
        if (!rows.has(toUserId)) {
          results.set(toUserId, NOT_A_FRIEND);
          continue;
        }
        if (update.listNames) {
          const problem = await this.lists.ensureLists(
            sdkAppId,
            userId,
            update.listNames,
            tx,
            changes,
          );
          if (problem) {
            results.set(toUserId, problem);
            continue;
          }
        }
        await this.friends.updateFriend(sdkAppId, userId, toUserId, update.patch, tx);
        for (const tag of update.changedTags) tags.add(tag);
        updated.push(toUserId);
        results.set(toUserId, OK);
      }
      if (updated.length) {
        const custom = [...tags].some(isSnsCustomTag);
        const standard = [...tags].some((t) => !isSnsCustomTag(t));
        if (standard) changes.touch(userId, 'standard');
        if (custom) changes.touch(userId, 'custom');
        if (tags.has(SnsTags.Group)) changes.touch(userId, 'list');
        await this.outbox.stage(tx, RelationEvt.FriendsUpdated, {
          sdkAppId,
          userId,
          friendIds: updated,
          changedTags: [...tags],
        });
      }
    });
    return { results: inOrder(targets, results) };
  }

  // -------------------------------------------------------------------------------------------
  // friend_delete, friend_delete_all (REL-24 … REL-27)

  async deleteFriends(
    caller: CallerContext,
    req: DeleteFriendsRequest,
  ): Promise<RelationResultsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const userId = req.userId;
    const both = req.deleteType === 'both';
    const targets = distinct(req.toUserIds);
    const results = new Map<string, ItemFailure>();
    const valid = targets.filter((t) => {
      const problem = targetProblem(userId, t);
      if (problem) results.set(t, problem);
      return !problem;
    });
    if (valid.length === 0) return { results: inOrder(targets, results) };
    await this.transactions.run(sdkAppId, async (tx, changes) => {
      await this.users.lockUsers(sdkAppId, [userId, ...(both ? valid : [])], tx);
      const forward = await this.friends.findFriends(sdkAppId, userId, valid, tx);
      const pairs: { userId: string; friendId: string }[] = [];
      for (const t of valid) {
        if (!forward.has(t)) {
          results.set(t, NOT_A_FRIEND);
          continue;
        }
        pairs.push({ userId, friendId: t });
        if (both) pairs.push({ userId: t, friendId: userId });
        results.set(t, OK);
      }
      await this.removePairs(sdkAppId, pairs, 'delete', tx, changes);
    });
    return { results: inOrder(targets, results) };
  }

  async deleteAllFriends(
    caller: CallerContext,
    req: DeleteAllFriendsRequest,
  ): Promise<DeleteAllFriendsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const userId = req.userId;
    const both = req.deleteType === 'both';
    const before = both ? await this.friends.findFriendIds(sdkAppId, userId) : [];
    const { result } = await this.transactions.run(sdkAppId, async (tx, changes) => {
      await this.users.lockUsers(sdkAppId, [userId, ...before], tx);
      const ids = await this.friends.findFriendIds(sdkAppId, userId, tx);
      const late = ids.filter((id) => both && !before.includes(id));
      if (late.length) await this.users.lockUsers(sdkAppId, late, tx);
      const pairs = ids.flatMap((id) => [
        { userId, friendId: id },
        ...(both ? [{ userId: id, friendId: userId }] : []),
      ]);
      await this.removePairs(sdkAppId, pairs, 'delete', tx, changes);
      return ids.length;
    });
    return { deletedCount: result };
  }

  /**
   * Deletes friendship directions (the users locked by the caller), records the changes and
   * stages one friend-deleted event per owner.
   */
  async removePairs(
    sdkAppId: number,
    pairs: { userId: string; friendId: string }[],
    via: 'delete' | 'blacklist' | 'account-deleted',
    tx: RelationTx,
    changes: ChangeSet,
    skipOwners: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    const deleted = await this.friends.deletePairs(sdkAppId, pairs, tx);
    const byOwner = new Map<string, string[]>();
    for (const d of deleted) byOwner.set(d.userId, [...(byOwner.get(d.userId) ?? []), d.friendId]);
    for (const [owner, friendIds] of byOwner) {
      if (skipOwners.has(owner)) continue;
      changes.friendListChanged(owner);
      await this.outbox.stage(tx, RelationEvt.FriendsDeleted, {
        sdkAppId,
        userId: owner,
        friendIds,
        via,
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // friend_check (REL-32 … REL-34)

  async checkFriends(
    caller: CallerContext,
    req: CheckRelationsRequest,
  ): Promise<CheckRelationsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const targets = distinct(req.toUserIds);
    const valid = targets.filter((t) => !targetProblem(req.userId, t));
    const [forward, reverse] = await Promise.all([
      this.friends.findFriends(sdkAppId, req.userId, valid),
      req.checkType === 'both'
        ? this.friends.findOwnersHaving(sdkAppId, req.userId, valid)
        : Promise.resolve(new Set<string>()),
    ]);
    return {
      results: targets.map((t) => {
        const problem = targetProblem(req.userId, t);
        if (problem) return { userId: t, relation: 'NoRelation', ...problem };
        return {
          userId: t,
          relation: checkRelation(forward.has(t), reverse.has(t), req.checkType),
          ...OK,
        };
      }),
    };
  }

  // -------------------------------------------------------------------------------------------
  // friend_get, friend_get_list (REL-28, REL-29)

  async getFriends(caller: CallerContext, req: GetFriendsRequest): Promise<GetFriendsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const [seq, counts] = await Promise.all([
      this.users.findSequences(sdkAppId, req.userId),
      this.friends.countFriends(sdkAppId, [req.userId]),
    ]);
    const total = counts.get(req.userId)!;
    const window = pageWindow(total, req.startIndex, RelationLimits.friendPageSize);
    const rows = await this.friends.findPage(sdkAppId, req.userId, window.offset, window.limit);
    const include = {
      standard: req.standardSequence == null || req.standardSequence !== seq.standardSequence,
      custom: req.customSequence == null || req.customSequence !== seq.customSequence,
    };
    return {
      friends: rows.map((r) => ({ userId: r.friendId, items: friendItems(r, include) })),
      standardSequence: seq.standardSequence,
      customSequence: seq.customSequence,
      friendCount: total,
      isComplete: window.isComplete,
      nextStartIndex: window.nextStartIndex,
    };
  }

  async syncFriends(caller: CallerContext, req: SyncFriendsRequest): Promise<SyncFriendsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const start = req.startIndex ?? 0;
    // The sequence first: a change made while this reads has a higher one, so the next pull
    // from it sees the change again.
    const seq = await this.users.findSequences(sdkAppId, req.userId);
    const { total, rows } = await this.friends.findChangedSince(
      sdkAppId,
      req.userId,
      req.sinceSequence,
      start,
      RelationLimits.friendPageSize,
    );
    const window = pageWindow(total, start, RelationLimits.friendPageSize);
    const deleted =
      start === 0 && req.sinceSequence > 0
        ? await this.friends.findDeletedSince(sdkAppId, req.userId, req.sinceSequence)
        : [];
    return {
      friends: rows.map((r) => ({
        userId: r.friendId,
        items: friendItems(r, { standard: true, custom: true }),
      })),
      deletedUserIds: deleted,
      sequence: seq.sequence,
      isComplete: window.isComplete,
      nextStartIndex: window.nextStartIndex,
    };
  }

  async findFriends(caller: CallerContext, req: FindFriendsRequest): Promise<FindFriendsReply> {
    assertActsAs(caller, req.userId);
    const ids = await this.friends.findFriendIds(caller.sdkAppId, req.userId);
    if (ids.length === 0) return { friendIds: [] };
    return {
      friendIds: await findByIdOrNick(this.directory, caller.sdkAppId, ids, req.keyword),
    };
  }

  async getFriendProfiles(
    caller: CallerContext,
    req: GetFriendProfilesRequest,
  ): Promise<GetFriendProfilesReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const app = await this.settings.of(sdkAppId);
    const tags = distinct(req.tags);
    for (const tag of tags) {
      if (!isReadableTag(tag, app))
        throw new RelationError(ErrorCode.SnsInvalidParameters, `unknown tag ${tag}`);
    }
    const targets = distinct(req.toUserIds);
    const valid = targets.filter((t) => !targetProblem(req.userId, t));
    const rows = await this.friends.findFriends(sdkAppId, req.userId, valid);
    const profileTags = tags.filter((t) => t.startsWith('Tag_Profile_'));
    const profiles =
      profileTags.length && rows.size
        ? await this.directory.profiles(sdkAppId, [...rows.keys()], profileTags)
        : new Map<string, UserProfile>();
    return {
      results: targets.map((t): FriendProfileResult => {
        const problem = targetProblem(req.userId, t);
        if (problem) return { userId: t, items: [], ...problem };
        const row = rows.get(t);
        if (!row) return { userId: t, items: [], ...NOT_A_FRIEND };
        const profile = profiles.get(t);
        const items: SnsItem[] = [];
        for (const tag of tags) {
          if (tag.startsWith('Tag_Profile_')) {
            const item = profile?.items.find((i) => i.tag === tag);
            if (item) items.push({ tag, value: item.value });
          } else {
            const value = friendTagValue(row, tag);
            if (value !== undefined) items.push({ tag, value });
          }
        }
        const failed = profile && profile.code !== 0;
        return {
          userId: t,
          items,
          code: failed ? profile.code : ErrorCode.Ok,
          message: failed ? profile.message : '',
        };
      }),
    };
  }
}

/** The friends whose ID or nickname is exactly the keyword (REL-30, AMB-31). */
async function findByIdOrNick(
  directory: UserDirectory,
  sdkAppId: number,
  friendIds: string[],
  keyword: string,
): Promise<string[]> {
  const profiles = await directory.profiles(sdkAppId, friendIds, [ProfileTags.Nick]);
  const byNick = friendIds.filter(
    (id) =>
      id !== keyword &&
      profiles.get(id)?.items.some((i) => i.tag === ProfileTags.Nick && i.value === keyword),
  );
  return [...(friendIds.includes(keyword) ? [keyword] : []), ...byNick];
}

/** A tag friend_get_list can return: a standard or declared profile tag, an SNS tag. */
function isReadableTag(tag: string, app: AppRelationSettings): boolean {
  if ((StandardProfileTags as readonly string[]).includes(tag)) return true;
  if (PROFILE_CUSTOM_TAG_PATTERN.test(tag)) return app.profileCustomTags.has(tag);
  if (isStandardSnsTag(tag)) return true;
  return isSnsCustomTag(tag) && app.snsCustomFields.has(tag);
}

/** Per-item rules of friend_add (REL-5 … REL-9, REL-19). */
export function addItemProblem(
  userId: string,
  item: AddFriendItem,
  app: Pick<AppRelationSettings, 'wordingRequired'>,
): ItemFailure | undefined {
  return (
    targetProblem(userId, item.toUserId) ??
    addSourceProblem(item.addSource) ??
    addWordingProblem(item.addWording, app.wordingRequired) ??
    remarkProblem(item.remark) ??
    (item.groupName != null ? listNameProblem(item.groupName) : undefined)
  );
}

/** Per-item rules of friend_import: as an add, plus list names and declared custom fields. */
export function importItemProblem(
  userId: string,
  item: ImportFriendItem,
  app: Pick<AppRelationSettings, 'snsCustomFields'>,
): ItemFailure | undefined {
  const basic =
    targetProblem(userId, item.toUserId) ??
    addSourceProblem(item.addSource) ??
    addWordingProblem(item.addWording, false) ??
    remarkProblem(item.remark) ??
    (item.groupNames != null ? listNamesProblem(item.groupNames) : undefined);
  if (basic) return basic;
  const seen = new Set<string>();
  for (const { tag, value } of item.customItems ?? []) {
    if (!isSnsCustomTag(tag) || !app.snsCustomFields.has(tag))
      return fail(ErrorCode.SnsInvalidParameters, `${tag} is not a declared custom friend field`);
    if (seen.has(tag)) return fail(ErrorCode.SnsInvalidParameters, `${tag} is given twice`);
    seen.add(tag);
    const problem = customValueProblem(tag, value);
    if (problem) return problem;
  }
  return undefined;
}
