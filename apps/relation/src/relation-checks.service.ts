import { Injectable } from '@nestjs/common';

import type {
  AreFriendsReply,
  CallerContext,
  IsBlacklistedReply,
  RelationPairRequest,
} from '@im/contracts';

import { BlacklistRepository } from './blacklist.repository';
import { FriendsRepository } from './friends.repository';
import { RelationCache } from './relation.cache';
import { assertActsAs } from './relation.rules';

/**
 * What other services ask on their hot paths (messages, groups): are A and B friends, does one
 * block the other. Answered from the Redis sets of RelationCache, loaded from the database on
 * a miss and dropped by every change.
 */
@Injectable()
export class RelationChecksService {
  constructor(
    private readonly cache: RelationCache,
    private readonly friends: FriendsRepository,
    private readonly blacklist: BlacklistRepository,
  ) {}

  async areFriends(caller: CallerContext, req: RelationPairRequest): Promise<AreFriendsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const has = (owner: string, member: string) =>
      this.cache.has('friends', sdkAppId, owner, member, () =>
        this.friends.findFriendIds(sdkAppId, owner),
      );
    const userHasPeer = await has(req.userId, req.peerUserId);
    if (req.checkType === 'single') return { userHasPeer };
    return { userHasPeer, peerHasUser: await has(req.peerUserId, req.userId) };
  }

  async isBlacklisted(
    caller: CallerContext,
    req: RelationPairRequest,
  ): Promise<IsBlacklistedReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const has = (owner: string, member: string) =>
      this.cache.has('blacklist', sdkAppId, owner, member, () =>
        this.blacklist.findAllBlocked(sdkAppId, owner),
      );
    const userBlocksPeer = await has(req.userId, req.peerUserId);
    if (req.checkType === 'single') return { userBlocksPeer };
    return { userBlocksPeer, peerBlocksUser: await has(req.peerUserId, req.userId) };
  }
}
