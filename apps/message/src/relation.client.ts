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
  // keyed app, owner, other apart by NUL (no user ID holds a control character), indexed by owner
  private readonly blocks = new TtlCache<string, boolean>(TTL_MS, 100_000, ownerOf);
  private readonly friends = new TtlCache<string, boolean>(TTL_MS, 100_000, ownerOf);
  private subscriptions: Subscription[] = [];

  constructor(private readonly bus: NatsBus) {}

  onApplicationBootstrap(): void {
    const forget =
      (cache: TtlCache<string, boolean>) => (e: { sdkAppId: number; userId: string }) =>
        cache.deleteGroup(`${e.sdkAppId}\u0000${e.userId}`);
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
    return this.blocks.load(`${sdkAppId}\u0000${owner}\u0000${other}`, async () => {
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
    return this.friends.load(`${sdkAppId}\u0000${owner}\u0000${other}`, async () => {
      const reply = await this.bus.request(
        RelationRpc.AreFriends,
        { userId: owner, peerUserId: other, checkType: 'single' },
        this.bus.asService(sdkAppId),
      );
      return reply.userHasPeer;
    });
  }
}

/** The owner part (app and owner) of a relation key. */
function ownerOf(key: string): string {
  return key.slice(0, key.lastIndexOf('\u0000'));
}
