import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { AccountEvt, EventStreams, ProfileEvt, RelationEvt } from '@im/contracts';
import type { AccountsDeletedEvent, ProfileChangedEvent } from '@im/contracts';
import { EventOutbox, NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { BlacklistRepository } from './blacklist.repository';
import { FriendListsRepository } from './friend-lists.repository';
import { FriendRequestsRepository } from './friend-requests.repository';
import { FriendsRepository } from './friends.repository';
import { FriendsService } from './friends.service';
import { RecommendationsRepository } from './recommendations.repository';
import { RelationRepository } from './relation.repository';
import { RelationTransactions } from './relation-transactions';

export const ACCOUNT_DELETED_CONSUMER = 'relation-account-deleted';
export const PROFILE_CHANGED_CONSUMER = 'relation-profile-changed';
/** Recipients per friend-profile-changed event. */
const FAN_OUT_CHUNK = 1000;

/**
 * Facts of other services this service acts on, through durable JetStream consumers (at
 * least once; each event is handled once, by its eventId in `consumed_events`):
 * - `account.evt.deleted`: the users' friendships (both directions), requests, blacklist
 *   entries, lists and recommendations go;
 * - `profile.evt.changed` with a "push on update" field: `relation.evt.friend-profile-changed`
 *   to everyone who has the user in their table (REL-44, AMB-25).
 */
@Injectable()
export class RelationEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumers: { stop(): Promise<void> }[] = [];

  constructor(
    private readonly bus: NatsBus,
    private readonly transactions: RelationTransactions,
    private readonly users: RelationRepository,
    private readonly friendsRepo: FriendsRepository,
    private readonly friends: FriendsService,
    private readonly blacklist: BlacklistRepository,
    private readonly requests: FriendRequestsRepository,
    private readonly lists: FriendListsRepository,
    private readonly recommendations: RecommendationsRepository,
    private readonly outbox: EventOutbox,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const accounts = await this.bus.consume({
      stream: EventStreams.account.name,
      durable: ACCOUNT_DELETED_CONSUMER,
      subjects: [AccountEvt.Deleted],
      handler: (_subject, event) => this.onAccountDeleted(event),
    });
    const profiles = await this.bus.consume({
      stream: EventStreams.profile.name,
      durable: PROFILE_CHANGED_CONSUMER,
      subjects: [ProfileEvt.Changed],
      handler: (_subject, event) => this.onProfileChanged(event),
    });
    this.consumers.push(accounts, profiles);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }

  async onAccountDeleted(event: AccountsDeletedEvent): Promise<void> {
    const { sdkAppId, userIds } = event;
    if (userIds.length === 0) return;
    const gone = new Set(userIds);
    await this.transactions.run(sdkAppId, async (tx, changes) => {
      if (!(await this.users.markConsumed(sdkAppId, ACCOUNT_DELETED_CONSUMER, event.eventId, tx)))
        return;
      // Every change touching a deleted user takes its lock, so once they are held the set of
      // rows to delete cannot grow.
      const before = await this.friendsRepo.findPairsTouching(sdkAppId, userIds, tx);
      await this.users.lockUsers(
        sdkAppId,
        [...userIds, ...before.flatMap((p) => [p.userId, p.friendId])],
        tx,
      );
      const pairs = await this.friendsRepo.findPairsTouching(sdkAppId, userIds, tx);
      await this.friends.removePairs(sdkAppId, pairs, 'account-deleted', tx, changes, gone);
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
      const requests = await this.requests.deleteTouching(sdkAppId, userIds, tx);
      for (const r of requests.filter((x) => x.isLive))
        await this.outbox.stage(tx, RelationEvt.FriendRequestHandled, {
          sdkAppId,
          fromUserId: r.fromUserId,
          toUserId: r.toUserId,
          action: 'deleted',
        });
      await this.lists.deleteOwnedBy(sdkAppId, userIds, tx);
      const owners = await this.recommendations.deleteTouching(sdkAppId, userIds, tx);
      for (const owner of owners.filter((o) => !gone.has(o)))
        await this.outbox.stage(tx, RelationEvt.RecommendationsChanged, {
          sdkAppId,
          userId: owner,
        });
      // The deleted users' own cached sets go too; their sequences are not kept.
      for (const id of userIds) {
        changes.friendSets.add(id);
        changes.blacklistSets.add(id);
        changes.sequences.delete(id);
      }
      await this.friendsRepo.deleteTombstonesOf(sdkAppId, userIds, tx);
      await this.users.deleteUsers(sdkAppId, userIds, tx);
    });
    this.logger.info(
      { sdkAppId, users: userIds.length },
      'relation data of deleted accounts removed',
    );
  }

  async onProfileChanged(event: ProfileChangedEvent): Promise<void> {
    if (!event.standardChanged) return;
    const { sdkAppId, userId } = event;
    await this.transactions.run(sdkAppId, async (tx) => {
      if (!(await this.users.markConsumed(sdkAppId, PROFILE_CHANGED_CONSUMER, event.eventId, tx)))
        return;
      const owners = await this.friendsRepo.findOwnersOf(sdkAppId, userId, tx);
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
}
