import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';

import { RelationEvt, RelationRpc } from '@im/contracts';
import { NatsBus, TtlCache } from '@im/platform';

/**
 * A fallback only: the relation facts drop an entry as soon as the blacklist or the friendship
 * changes.
 */
const TTL_MS = 60_000;

/**
 * Blacklist and friendship between two users, from the relation service (answered from its
 * Redis), cached for a minute and dropped on the relation facts that change them.
 */
@Injectable()
export class RelationClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly blocks = new TtlCache<string, boolean>(TTL_MS);
  private readonly friends = new TtlCache<string, boolean>(TTL_MS);
  private subscriptions: Subscription[] = [];

  constructor(private readonly bus: NatsBus) {}

  onApplicationBootstrap(): void {
    const forget =
      (cache: TtlCache<string, boolean>) => (e: { sdkAppId: number; userId: string }) =>
        cache.deleteWhere((key) => key.startsWith(`${e.sdkAppId}|${e.userId}|`));
    this.subscriptions = [
      this.bus.subscribe(RelationEvt.BlacklistChanged, forget(this.blocks)),
      this.bus.subscribe(RelationEvt.FriendsAdded, forget(this.friends)),
      this.bus.subscribe(RelationEvt.FriendsDeleted, forget(this.friends)),
    ];
  }

  onApplicationShutdown(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }

  /** `owner` has `other` in its blacklist. */
  hasBlocked(sdkAppId: number, owner: string, other: string): Promise<boolean> {
    return this.blocks.load(`${sdkAppId}|${owner}|${other}`, async () => {
      const reply = await this.bus.request(
        RelationRpc.IsBlacklisted,
        { userId: owner, peerUserId: other, checkType: 'single' },
        this.bus.asService(sdkAppId),
      );
      return reply.userBlocksPeer;
    });
  }

  /** `owner` has `other` in its friend table. */
  hasFriend(sdkAppId: number, owner: string, other: string): Promise<boolean> {
    return this.friends.load(`${sdkAppId}|${owner}|${other}`, async () => {
      const reply = await this.bus.request(
        RelationRpc.AreFriends,
        { userId: owner, peerUserId: other, checkType: 'single' },
        this.bus.asService(sdkAppId),
      );
      return reply.userHasPeer;
    });
  }
}
