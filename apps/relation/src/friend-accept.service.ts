import { Inject, Injectable } from '@nestjs/common';

import { RelationEvt } from '@im/contracts';
import { EventOutbox, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { acceptProblem, friendRow } from './friend-add.rules';
import type { FriendFields } from './friend-add.rules';
import { FriendAddService } from './friend-add.service';
import { FriendListsService } from './friend-lists.service';
import { FriendsRepository } from './friends.repository';
import { inSequence } from './relation.db';
import type { RelationTx } from './relation.db';
import { RelationError } from './relation.errors';
import { epochSeconds } from './relation.rules';
import type { ChangeSet } from './relation-transactions.db';

/** What an accepted request asks for (a pending friend request's fields). */
export interface AcceptedRequest {
  fromUserId: string;
  toUserId: string;
  addSource: string;
  addWording: string;
  remark: string;
  groupName: string | null;
}

/** What accepting a pending friend request (REL-13 round two) creates; for FriendRequestsService. */
@Injectable()
export class FriendAcceptService {
  constructor(
    private readonly friends: FriendsRepository,
    private readonly lists: FriendListsService,
    private readonly adds: FriendAddService,
    private readonly outbox: EventOutbox,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /**
   * Creates what an accepted request asks for inside the caller's transaction (both users
   * locked): `from` gets `to`; with `both`, `to` gets `from` too. Limits as for an add, seen from
   * the acceptor (`to`): its own table 30010, the requester's 30014.
   */
  async createAccepted(
    sdkAppId: number,
    request: AcceptedRequest,
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
    const problem = acceptProblem({
      both,
      hasForward,
      hasReverse,
      requesterFriendCount: counts.get(from)!,
      acceptorFriendCount: counts.get(to)!,
      friendLimit,
    });
    if (problem) throw new RelationError(problem.code, problem.message);
    const now = epochSeconds();
    const addReverse = both && !hasReverse;
    if (addReverse && acceptor.groupName) {
      const listProblem = await this.lists.ensureLists(
        sdkAppId,
        to,
        [acceptor.groupName],
        tx,
        changes,
      );
      if (listProblem) throw new RelationError(listProblem.code, listProblem.message);
    }
    if (!hasForward) await this.insertAccepted(sdkAppId, request, now, tx, changes);
    if (addReverse)
      await this.adds.insertReverse(
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
    // `to`'s own request to `from`, if any, is fulfilled when `to` has `from` now.
    if (both || hasReverse)
      await this.adds.settlePairs(sdkAppId, [{ fromUserId: to, toUserId: from }], tx);
  }

  /** The requester's direction of an accepted request, with its remark and list if it can. */
  private async insertAccepted(
    sdkAppId: number,
    request: AcceptedRequest,
    now: number,
    tx: RelationTx,
    changes: ChangeSet,
  ): Promise<void> {
    const { fromUserId: from, toUserId: to } = request;
    let groups = request.groupName ? [request.groupName] : [];
    if (groups.length) {
      const problem = await this.lists.ensureLists(sdkAppId, from, groups, tx, changes);
      // The requester made 32 lists since asking: the friend comes without the list.
      if (problem) {
        this.logger.info({ userId: from }, 'friend list of an accepted request not created');
        groups = [];
      }
    }
    const { remark, addSource, addWording } = request;
    const fields: FriendFields = { remark, groups, addSource, addWording };
    await this.friends.insertFriends(sdkAppId, [friendRow(from, to, fields, now)], tx);
    changes.friendListChanged(from);
    await this.outbox.stage(tx, RelationEvt.FriendsAdded, {
      sdkAppId,
      userId: from,
      friendIds: [to],
      via: 'accept',
    });
  }
}
