import { Inject, Injectable } from '@nestjs/common';

import { RelationEvt } from '@im/contracts';
import { EventOutbox, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { BlacklistRepository } from './blacklist.repository';
import { FriendListsRepository } from './friend-lists.repository';
import { FriendRequestsRepository } from './friend-requests.repository';
import { FriendsRepository } from './friends.repository';
import { FriendsService } from './friends.service';
import { RecommendationsRepository } from './recommendations.repository';
import type { RelationTx } from './relation.db';
import { RelationRepository } from './relation.repository';
import { RelationTransactions } from './relation-transactions.db';
import type { ChangeSet } from './relation-transactions.db';

/** The durable consumer of `account.evt.deleted` (its events are handled once, by eventId). */
export const ACCOUNT_DELETED_CONSUMER = 'relation-account-deleted';

/**
 * What goes when accounts are deleted: their friendships (both directions), requests,
 * blacklist entries either way, lists and recommendations, and their own relation rows. The
 * users who keep a relation with them are told (friend-deleted, blacklist-changed,
 * request-handled, recommendations-changed); the deleted users themselves are not.
 */
@Injectable()
export class AccountCleanupService {
  constructor(
    private readonly transactions: RelationTransactions,
    private readonly users: RelationRepository,
    private readonly friendRows: FriendsRepository,
    private readonly friends: FriendsService,
    private readonly blacklist: BlacklistRepository,
    private readonly requests: FriendRequestsRepository,
    private readonly lists: FriendListsRepository,
    private readonly recommendations: RecommendationsRepository,
    private readonly outbox: EventOutbox,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Removes the relation data of deleted accounts, once per event (`eventId`). */
  async removeDeletedUsers(sdkAppId: number, userIds: string[], eventId: string): Promise<void> {
    if (userIds.length === 0) return;
    const gone = new Set(userIds);
    await this.transactions.run(sdkAppId, async (tx, changes) => {
      if (!(await this.users.markConsumed(sdkAppId, ACCOUNT_DELETED_CONSUMER, eventId, tx))) return;
      // Every change touching a deleted user takes its lock, so once they are held the set of
      // rows to delete cannot grow.
      const before = await this.friendRows.findPairsTouching(sdkAppId, userIds, tx);
      await this.users.lockUsers(
        sdkAppId,
        [...userIds, ...before.flatMap((p) => [p.userId, p.friendId])],
        tx,
      );
      const pairs = await this.friendRows.findPairsTouching(sdkAppId, userIds, tx);
      await this.friends.removePairs(sdkAppId, pairs, 'account-deleted', tx, changes, gone);
      await this.removeBlacklistEntries(sdkAppId, userIds, tx, changes);
      await this.removeRequests(sdkAppId, userIds, tx);
      await this.lists.deleteOwnedBy(sdkAppId, userIds, tx);
      await this.removeRecommendations(sdkAppId, userIds, tx);
      // The deleted users' own cached sets go too; their sequences are not kept.
      for (const id of userIds) {
        changes.friendSets.add(id);
        changes.blacklistSets.add(id);
        changes.sequences.delete(id);
      }
      await this.friendRows.deleteTombstonesOf(sdkAppId, userIds, tx);
      await this.users.deleteUsers(sdkAppId, userIds, tx);
    });
    this.logger.info(
      { sdkAppId, users: userIds.length },
      'relation data of deleted accounts removed',
    );
  }

  /** Blacklist entries either way; each remaining owner whose list shrank is told. */
  private async removeBlacklistEntries(
    sdkAppId: number,
    userIds: string[],
    tx: RelationTx,
    changes: ChangeSet,
  ): Promise<void> {
    const gone = new Set(userIds);
    const blocks = await this.blacklist.deleteTouching(sdkAppId, userIds, tx);
    const removedByOwner = new Map<string, string[]>();
    for (const b of blocks.filter((x) => !gone.has(x.userId)))
      removedByOwner.set(b.userId, [...(removedByOwner.get(b.userId) ?? []), b.blockedId]);
    for (const [owner, removed] of removedByOwner) {
      changes.blacklistChanged(owner);
      await this.outbox.stage(tx, RelationEvt.BlacklistChanged, {
        sdkAppId,
        userId: owner,
        addedUserIds: [],
        removedUserIds: removed,
      });
    }
  }

  /** Requests from or to the users; live ones are reported deleted. */
  private async removeRequests(sdkAppId: number, userIds: string[], tx: RelationTx): Promise<void> {
    const requests = await this.requests.deleteTouching(sdkAppId, userIds, tx);
    for (const r of requests.filter((x) => x.isLive))
      await this.outbox.stage(tx, RelationEvt.FriendRequestHandled, {
        sdkAppId,
        fromUserId: r.fromUserId,
        toUserId: r.toUserId,
        action: 'deleted',
      });
  }

  /** Recommendations of and for the users; remaining owners whose buffer changed are told. */
  private async removeRecommendations(
    sdkAppId: number,
    userIds: string[],
    tx: RelationTx,
  ): Promise<void> {
    const gone = new Set(userIds);
    const owners = await this.recommendations.deleteTouching(sdkAppId, userIds, tx);
    for (const owner of owners.filter((o) => !gone.has(o)))
      await this.outbox.stage(tx, RelationEvt.RecommendationsChanged, {
        sdkAppId,
        userId: owner,
      });
  }
}
