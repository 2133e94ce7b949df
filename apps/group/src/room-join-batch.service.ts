import { Inject, Injectable } from '@nestjs/common';

import { GroupEvt } from '@im/contracts';
import { PLATFORM_LOGGER, TurnBatcher } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { GroupBanRepository } from './group-ban.repository';
import { groupEventBase } from './group-events.mapper';
import type { LoadedGroup } from './group-loader.service';
import { GroupMemberRepository } from './group-member.repository';
import { memberChangeNotification } from './group-permissions.rules';
import { GroupTransactions } from './group-transactions.db';
import { RoomMemberStore } from './room-member.store';
import type { RoomJoinEntry, RoomJoinOutcome } from './room-member.store';

/** Most users one Redis script takes (a bigger batch runs as several scripts, in order). */
export const ROOM_JOIN_SCRIPT_MAX = 500;

interface JoinRequest {
  userId: string;
  /** Told in the batch's `group.evt.member-joined` (a viewer applying by themself). */
  announce: boolean;
}

/**
 * Joins to room groups (AVChatRoom, BChatRoom), batched: every join to one room that arrives
 * in one event-loop turn is admitted together at the end of the turn — one PostgreSQL read of
 * the bans and one of the users' table memberships (quota, AMB-11) for the whole batch, no
 * transaction, then one Redis script that checks and writes every member (the member set and
 * its count live in Redis only). The viewers that applied by themselves are then told in one
 * `group.evt.member-joined` fact naming them all (`userIds`, in join order; each is its own
 * operator, `operatorId` names the first), so the message service pushes one coalesced join
 * notice per batch to the room instead of one per viewer.
 */
@Injectable()
export class RoomJoinBatcher {
  private readonly batcher = new TurnBatcher<LoadedGroup, JoinRequest, RoomJoinOutcome>(
    (loaded, joins) => this.run(loaded, joins),
  );

  constructor(
    private readonly members: GroupMemberRepository,
    private readonly bans: GroupBanRepository,
    private readonly rooms: RoomMemberStore,
    private readonly writes: GroupTransactions,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Lets a user into a room with the other joins of this turn. */
  admit(loaded: LoadedGroup, userId: string, announce: boolean): Promise<RoomJoinOutcome> {
    return this.batcher.add(roomKey(loaded), loaded, { userId, announce });
  }

  private async run(loaded: LoadedGroup, joins: JoinRequest[]): Promise<RoomJoinOutcome[]> {
    const { row, caps, settings } = loaded;
    const counted = caps.baseType !== 'BChatRoom';
    const ids = [...new Set(joins.map((j) => j.userId))];
    const quotaIds = counted ? ids.filter((u) => u !== row.ownerId) : [];
    const [banned, table] = await Promise.all([
      this.bans.findBanned(row.sdkAppId, row.groupId, ids, Math.floor(Date.now() / 1000)),
      quotaIds.length
        ? this.members.countMemberships(row.sdkAppId, quotaIds)
        : Promise.resolve(new Map<string, number>()),
    ]);
    const entries: RoomJoinEntry[] = joins.map(({ userId }) => ({
      userId,
      allowance: banned.has(userId)
        ? 'banned'
        : userId === row.ownerId
          ? 'owner'
          : counted
            ? settings.userGroupLimit - (table.get(userId) ?? 0)
            : 'unchecked',
    }));
    const nowMs = Date.now();
    const outcomes: RoomJoinOutcome[] = [];
    for (let i = 0; i < entries.length; i += ROOM_JOIN_SCRIPT_MAX)
      outcomes.push(
        ...(await this.rooms.joinMany(
          row.sdkAppId,
          row.groupId,
          entries.slice(i, i + ROOM_JOIN_SCRIPT_MAX),
          nowMs,
          counted,
        )),
      );
    const announced = joins
      .filter((j, i) => j.announce && outcomes[i] === 'joined')
      .map((j) => j.userId);
    if (announced.length)
      await this.writes
        .emit(GroupEvt.MemberJoined, {
          ...groupEventBase(
            row,
            { isAppAdmin: false, userId: announced[0], operatorId: announced[0] },
            memberChangeNotification(caps, true),
          ),
          userIds: announced,
          joinKind: 'applied',
        })
        .catch((err: unknown) =>
          this.logger.warn({ err, groupId: row.groupId }, 'room join fact not published'),
        );
    return joins.map((_j, i) => outcomes[i] ?? 'already');
  }
}

/** The batch of a room: one per app and group. */
export function roomKey({ row }: LoadedGroup): string {
  return `${row.sdkAppId}:${row.groupId}`;
}
