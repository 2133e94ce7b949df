import { Injectable } from '@nestjs/common';

import { ErrorCode, RelationEvt, RelationLimits, SnsTags } from '@im/contracts';
import type {
  CallerContext,
  CreateFriendListsReply,
  CreateFriendListsRequest,
  DeleteFriendListsRequest,
  FriendListsSequenceReply,
  GetFriendListsReply,
  GetFriendListsRequest,
  RelationResultItem,
} from '@im/contracts';
import { EventOutbox, SensitiveWordsCache } from '@im/platform';

import { FriendListsRepository } from './friend-lists.repository';
import { FriendsRepository } from './friends.repository';
import type { RelationTx } from './relation.db';
import { RelationError } from './relation.errors';
import { RelationRepository } from './relation.repository';
import {
  assertActsAs,
  distinct,
  fail,
  freeListId,
  listNameProblem,
  targetProblem,
} from './relation.rules';
import type { ItemFailure } from './relation.rules';
import { ChangeSet, RelationTransactions } from './relation-transactions.db';

const OK: ItemFailure = { code: ErrorCode.Ok, message: '' };

/** Friend lists ("groups", REL-6): group_add, group_delete, group_get. */
@Injectable()
export class FriendListsService {
  constructor(
    private readonly lists: FriendListsRepository,
    private readonly friends: FriendsRepository,
    private readonly users: RelationRepository,
    private readonly transactions: RelationTransactions,
    private readonly outbox: EventOutbox,
    private readonly sensitiveWords: SensitiveWordsCache,
  ) {}

  /**
   * Creates the lists of `names` that `userId` does not have yet (inside the caller's
   * transaction, with the user locked); fails with 30011 when that would pass 32 lists.
   */
  async ensureLists(
    sdkAppId: number,
    userId: string,
    names: string[],
    tx: RelationTx,
    changes: ChangeSet,
  ): Promise<ItemFailure | undefined> {
    if (names.length === 0) return undefined;
    const existing = await this.lists.findLists(sdkAppId, userId, tx);
    const have = new Set(existing.map((l) => l.name));
    const missing = distinct(names).filter((n) => !have.has(n));
    if (missing.length === 0) return undefined;
    if (existing.length + missing.length > RelationLimits.friendListsMax)
      return fail(ErrorCode.FriendGroupLimitReached, 'at most 32 friend lists per user');
    const used = existing.map((l) => l.listId);
    const created = missing.map((name) => {
      const listId = freeListId(used)!;
      used.push(listId);
      return { name, listId };
    });
    await this.lists.insert(sdkAppId, userId, created, tx);
    changes.touch(userId, 'list');
    await this.outbox.stage(tx, RelationEvt.FriendListsChanged, {
      sdkAppId,
      userId,
      created: missing,
      deleted: [],
    });
    return undefined;
  }

  async create(
    caller: CallerContext,
    req: CreateFriendListsRequest,
  ): Promise<CreateFriendListsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const names = distinct(req.names);
    for (const name of names) {
      const problem = listNameProblem(name);
      if (problem) throw new RelationError(problem.code, problem.message);
    }
    if ((await this.sensitiveWords.firstMatch(sdkAppId, names)) >= 0)
      throw new RelationError(
        ErrorCode.SnsSensitiveWords,
        'a friend list name contains a sensitive word',
      );
    const targets = distinct(req.toUserIds ?? []);
    const { result, changes } = await this.transactions.run(sdkAppId, async (tx, changes) => {
      await this.users.lockUsers(sdkAppId, [req.userId], tx);
      const existing = new Set(
        (await this.lists.findLists(sdkAppId, req.userId, tx)).map((l) => l.name),
      );
      const taken = names.filter((n) => existing.has(n));
      if (taken.length)
        throw new RelationError(
          ErrorCode.SnsInvalidParameters,
          `friend list ${taken[0]} already exists`,
        );
      const problem = await this.ensureLists(sdkAppId, req.userId, names, tx, changes);
      if (problem) throw new RelationError(problem.code, problem.message);
      const results = new Map<string, ItemFailure>();
      const valid: string[] = [];
      for (const id of targets) {
        const p = targetProblem(req.userId, id);
        if (p) results.set(id, p);
        else valid.push(id);
      }
      const rows = await this.friends.findFriends(sdkAppId, req.userId, valid, tx);
      const members = valid.filter((id) => {
        if (rows.has(id)) return true;
        results.set(id, fail(ErrorCode.NotAFriend, 'not a friend'));
        return false;
      });
      const changed = await this.friends.addToLists(sdkAppId, req.userId, members, names, tx);
      for (const id of members) results.set(id, OK);
      if (changed.length) {
        changes.touch(req.userId, 'standard');
        await this.outbox.stage(tx, RelationEvt.FriendsUpdated, {
          sdkAppId,
          userId: req.userId,
          friendIds: changed,
          changedTags: [SnsTags.Group],
        });
      }
      return targets.map((userId): RelationResultItem => ({ userId, ...results.get(userId)! }));
    });
    return { results: result, sequence: changes.after.get(req.userId)?.listSequence ?? 0 };
  }

  async delete(
    caller: CallerContext,
    req: DeleteFriendListsRequest,
  ): Promise<FriendListsSequenceReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const names = distinct(req.names);
    const { changes } = await this.transactions.run(sdkAppId, async (tx, changes) => {
      await this.users.lockUsers(sdkAppId, [req.userId], tx);
      const existing = new Set(
        (await this.lists.findLists(sdkAppId, req.userId, tx)).map((l) => l.name),
      );
      const unknown = names.filter((n) => !existing.has(n));
      if (unknown.length)
        throw new RelationError(
          ErrorCode.SnsInvalidParameters,
          `friend list ${unknown[0]} does not exist`,
        );
      await this.lists.delete(sdkAppId, req.userId, names, tx);
      const changed = await this.friends.removeLists(sdkAppId, req.userId, names, tx);
      changes.touch(req.userId, 'list');
      await this.outbox.stage(tx, RelationEvt.FriendListsChanged, {
        sdkAppId,
        userId: req.userId,
        created: [],
        deleted: names,
      });
      if (changed.length) {
        changes.touch(req.userId, 'standard');
        await this.outbox.stage(tx, RelationEvt.FriendsUpdated, {
          sdkAppId,
          userId: req.userId,
          friendIds: changed,
          changedTags: [SnsTags.Group],
        });
      }
    });
    return { sequence: changes.after.get(req.userId)?.listSequence ?? 0 };
  }

  async get(caller: CallerContext, req: GetFriendListsRequest): Promise<GetFriendListsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const seq = await this.users.findSequences(sdkAppId, req.userId);
    const names = req.names ?? [];
    if (names.length === 0 && req.lastSequence != null && req.lastSequence === seq.listSequence)
      return { lists: [], sequence: seq.listSequence };
    const [lists, members] = await Promise.all([
      this.lists.findLists(sdkAppId, req.userId),
      this.friends.findListMembers(sdkAppId, req.userId),
    ]);
    const wanted = names.length ? lists.filter((l) => names.includes(l.name)) : lists;
    return {
      lists: wanted.map((l) => {
        const ids = members.get(l.name) ?? [];
        return {
          name: l.name,
          friendCount: ids.length,
          ...(req.withFriends && { friendIds: ids }),
        };
      }),
      sequence: seq.listSequence,
    };
  }
}
