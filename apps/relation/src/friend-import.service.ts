import { Injectable } from '@nestjs/common';

import { RelationEvt } from '@im/contracts';
import type {
  CallerContext,
  ImportFriendItem,
  ImportFriendsRequest,
  RelationResultsReply,
} from '@im/contracts';
import { EventOutbox, SensitiveWordsCache } from '@im/platform';

import { BlacklistRepository } from './blacklist.repository';
import {
  importedRow,
  importItemProblem,
  importTargetProblem,
  screenItems,
} from './friend-add.rules';
import { FriendListsService } from './friend-lists.service';
import { FriendsRepository } from './friends.repository';
import { inSequence } from './relation.db';
import type { RelationTx } from './relation.db';
import { RelationRepository } from './relation.repository';
import {
  assertPrivileged,
  distinct,
  epochSeconds,
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

/** One friend_import in its transaction. */
interface ImportRun {
  sdkAppId: number;
  userId: string;
  app: AppRelationSettings;
  results: Map<string, ItemFailure>;
  tx: RelationTx;
  changes: ChangeSet;
}

/**
 * friend_import: the App admin or a service puts friends into a user's table one way, with every
 * field as given, without asking the targets; blacklists and the friend limit still count.
 */
@Injectable()
export class FriendImportService {
  constructor(
    private readonly friends: FriendsRepository,
    private readonly blacklist: BlacklistRepository,
    private readonly users: RelationRepository,
    private readonly lists: FriendListsService,
    private readonly transactions: RelationTransactions,
    private readonly settings: RelationSettings,
    private readonly directory: UsersClient,
    private readonly outbox: EventOutbox,
    private readonly sensitiveWords: SensitiveWordsCache,
  ) {}

  async importFriends(
    caller: CallerContext,
    req: ImportFriendsRequest,
  ): Promise<RelationResultsReply> {
    assertPrivileged(caller, 'friend_import');
    const { sdkAppId } = caller;
    const userId = req.userId;
    const app = await this.settings.of(sdkAppId);
    const words = await this.sensitiveWords.matcherOf(sdkAppId);
    const { targets, looked, results, candidates } = await screenItems(
      userId,
      req.items,
      (item) =>
        importItemProblem(userId, item, app) ?? sensitiveProblem(words, importedTexts(item)),
      (ids) => this.directory.existing(sdkAppId, ids),
    );
    if (!looked) return { results: inOrder(targets, results) };
    await this.transactions.run(sdkAppId, (tx, changes) =>
      this.importAll({ sdkAppId, userId, app, results, tx, changes }, candidates),
    );
    return { results: inOrder(targets, results) };
  }

  /** The transaction of a friend_import: each target checked and stored, one way. */
  private async importAll(run: ImportRun, candidates: ImportFriendItem[]): Promise<void> {
    const { sdkAppId, userId, tx, changes } = run;
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
      const groups = distinct(item.groupNames ?? []);
      const problem =
        importTargetProblem({
          requesterBlocksTarget: blocked.has(target),
          targetBlocksRequester: blockers.has(target),
          hasForward: forward.has(target),
          friendCount: count,
          friendLimit: run.app.friendLimit,
        }) ?? (await this.lists.ensureLists(sdkAppId, userId, groups, tx, changes));
      if (problem) {
        run.results.set(target, problem);
        continue;
      }
      await this.friends.insertFriends(sdkAppId, [importedRow(userId, item, groups, now)], tx);
      count++;
      added.push(target);
      run.results.set(target, OK);
    }
    if (added.length === 0) return;
    changes.friendListChanged(userId);
    await this.outbox.stage(tx, RelationEvt.FriendsAdded, {
      sdkAppId,
      userId,
      friendIds: added,
      via: 'import',
    });
  }
}

/** The texts of an imported friend that sensitive words apply to. */
function importedTexts(item: ImportFriendItem): (string | undefined)[] {
  return [
    item.remark,
    item.addWording,
    ...(item.groupNames ?? []),
    ...(item.customItems ?? []).map((c) => (typeof c.value === 'string' ? c.value : undefined)),
  ];
}
