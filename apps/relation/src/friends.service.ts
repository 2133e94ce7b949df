import { Injectable } from '@nestjs/common';

import { ErrorCode, ProfileTags, RelationEvt, RelationLimits } from '@im/contracts';
import type {
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
  ProfileChangedEvent,
  RelationResultsReply,
  SyncFriendsReply,
  SyncFriendsRequest,
  UpdateFriendsRequest,
  UserProfile,
} from '@im/contracts';
import { EventOutbox, SensitiveWordsCache } from '@im/platform';

import {
  friendItems,
  friendProfileResult,
  isReadableTag,
  isFailure,
  parseFriendUpdate,
  updatedTexts,
} from './friend-fields.mapper';
import type { ParsedUpdate } from './friend-fields.mapper';
import { FriendListsService } from './friend-lists.service';
import { FriendsRepository } from './friends.repository';
import type { RelationTx } from './relation.db';
import { RelationError } from './relation.errors';
import { RelationRepository } from './relation.repository';
import {
  assertActsAs,
  checkPairs,
  distinct,
  distinctBy,
  epochSeconds,
  fail,
  inOrder,
  OK,
  pageWindow,
  sensitiveProblem,
  targetProblem,
} from './relation.rules';
import type { ItemFailure } from './relation.rules';
import { RelationSettings } from './relation-settings.reader';
import { ChangeSet, RelationTransactions } from './relation-transactions.db';
import { UsersClient } from './users.client';

/** The durable consumer of `profile.evt.changed` (its events are handled once, by eventId). */
export const PROFILE_CHANGED_CONSUMER = 'relation-profile-changed';
/** Recipients per friend-profile-changed event. */
const FAN_OUT_CHUNK = 1000;

const NOT_A_FRIEND: ItemFailure = fail(ErrorCode.NotAFriend, 'not a friend');

/**
 * The friend table besides adding (FriendAddService): updating, deleting, checking and reading
 * friends (docs/requirements.md §6.3 … §6.6), and telling friends of a profile change.
 */
@Injectable()
export class FriendsService {
  constructor(
    private readonly friends: FriendsRepository,
    private readonly users: RelationRepository,
    private readonly lists: FriendListsService,
    private readonly transactions: RelationTransactions,
    private readonly settings: RelationSettings,
    private readonly directory: UsersClient,
    private readonly outbox: EventOutbox,
    private readonly sensitiveWords: SensitiveWordsCache,
  ) {}

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
    const words = await this.sensitiveWords.matcherOf(sdkAppId);
    const parsed = items.flatMap((item) => {
      const problem = targetProblem(userId, item.toUserId);
      const parsedUpdate = problem ?? parseFriendUpdate(item.items, app.snsCustomFields, now);
      const update = isFailure(parsedUpdate)
        ? parsedUpdate
        : (sensitiveProblem(words, updatedTexts(parsedUpdate)) ?? parsedUpdate);
      if (isFailure(update)) {
        results.set(item.toUserId, update);
        return [];
      }
      return [{ toUserId: item.toUserId, update }];
    });
    if (parsed.length === 0) return { results: inOrder(targets, results) };

    await this.transactions.run(sdkAppId, (tx, changes) =>
      this.updateAll(sdkAppId, userId, parsed, results, tx, changes),
    );
    return { results: inOrder(targets, results) };
  }

  /** The transaction of a friend_update: each friend's fields in turn, one event for all. */
  private async updateAll(
    sdkAppId: number,
    userId: string,
    parsed: { toUserId: string; update: ParsedUpdate }[],
    results: Map<string, ItemFailure>,
    tx: RelationTx,
    changes: ChangeSet,
  ): Promise<void> {
    await this.users.lockUsers(sdkAppId, [userId], tx);
    const ids = parsed.map((p) => p.toUserId);
    const rows = await this.friends.findFriends(sdkAppId, userId, ids, tx);
    const updated: string[] = [];
    const tags = new Set<string>();
    for (const { toUserId, update } of parsed) {
      const problem = !rows.has(toUserId)
        ? NOT_A_FRIEND
        : update.listNames &&
          (await this.lists.ensureLists(sdkAppId, userId, update.listNames, tx, changes));
      if (problem) {
        results.set(toUserId, problem);
        continue;
      }
      await this.friends.updateFriend(sdkAppId, userId, toUserId, update.patch, tx);
      for (const tag of update.changedTags) tags.add(tag);
      updated.push(toUserId);
      results.set(toUserId, OK);
    }
    if (updated.length === 0) return;
    changes.friendFieldsChanged(userId, tags);
    await this.outbox.stage(tx, RelationEvt.FriendsUpdated, {
      sdkAppId,
      userId,
      friendIds: updated,
      changedTags: [...tags],
    });
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

  /**
   * A user changed a "push on update" profile field (REL-44, AMB-25): everyone who has them in
   * their table gets `relation.evt.friend-profile-changed`, up to 1000 per event. Once per
   * event (`eventId`).
   */
  async tellFriendsOfProfileChange(event: ProfileChangedEvent): Promise<void> {
    if (!event.standardChanged) return;
    const { sdkAppId, userId } = event;
    await this.transactions.run(sdkAppId, async (tx) => {
      if (!(await this.users.markConsumed(sdkAppId, PROFILE_CHANGED_CONSUMER, event.eventId, tx)))
        return;
      const owners = await this.friends.findOwnersOf(sdkAppId, userId, tx);
      for (let i = 0; i < owners.length; i += FAN_OUT_CHUNK) {
        await this.outbox.stage(tx, RelationEvt.FriendProfileChanged, {
          sdkAppId,
          userId,
          toUserIds: owners.slice(i, i + FAN_OUT_CHUNK),
          changedTags: event.changedTags,
        });
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // friend_check (REL-32 … REL-34)

  async checkFriends(
    caller: CallerContext,
    req: CheckRelationsRequest,
  ): Promise<CheckRelationsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    return checkPairs(
      req,
      (targets) => this.friends.findFriends(sdkAppId, req.userId, targets),
      (targets) => this.friends.findOwnersHaving(sdkAppId, req.userId, targets),
    );
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
        return friendProfileResult(row, profiles.get(t), tags);
      }),
    };
  }
}

/** The friends whose ID or nickname is exactly the keyword (REL-30, AMB-31). */
async function findByIdOrNick(
  directory: UsersClient,
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
