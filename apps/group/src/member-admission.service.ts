import { Injectable } from '@nestjs/common';

import { ErrorCode } from '@im/contracts';

import { GroupBanRepository } from './group-ban.repository';
import type { GroupExecutor } from './group.db';
import { GroupError } from './group.errors';
import type { LoadedGroup } from './group-loader.service';
import { GroupMemberRepository } from './group-member.repository';
import { effectiveMemberLimit } from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import type { NewMemberRow } from './group.schema';
import { RoomJoinBatcher } from './room-join-batch.service';
import { RoomMemberStore } from './room-member.store';

/** Outcome of letting users into a group. */
export interface Admission {
  added: string[];
  alreadyMembers: string[];
  /** Users already in as many groups as the app allows (GRP-52). */
  overQuota: string[];
  /** Users banned from the group (ban_group_member) until a time still ahead. */
  banned: string[];
}

/**
 * Lets users into a group under every limit: the per-user group quota (GRP-52, AMB-11: all
 * memberships but BChatRoom count) and the group's effective member limit (GRP-51). Table
 * groups admit inside the caller's transaction, which holds the group row lock, so concurrent
 * joins never exceed the limit.
 */
@Injectable()
export class MemberAdmission {
  constructor(
    private readonly groups: GroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly rooms: RoomMemberStore,
    private readonly bans: GroupBanRepository,
    private readonly roomJoins: RoomJoinBatcher,
  ) {}

  /** Which of these users are banned from the group now (ban_group_member). */
  async bannedOf(
    loaded: LoadedGroup,
    userIds: readonly string[],
    tx?: GroupExecutor,
  ): Promise<Set<string>> {
    const banned = await this.bans.findBanned(
      loaded.row.sdkAppId,
      loaded.row.groupId,
      userIds,
      Math.floor(Date.now() / 1000),
      tx,
    );
    return new Set(banned.keys());
  }

  /**
   * Adds member rows to a table group, in the caller's transaction. All who fit the per-user
   * quota are added, or none when they would overflow the group (10014). `onAdded` stages what
   * the caller publishes about the added users.
   *
   * Lock order, the same everywhere: first the users' advisory locks (their quota is counted,
   * then written), last the group row. Everything else — the quota counts, the insert, the
   * caller's events — happens before the group row is touched; the UPDATE that reserves the
   * seats (only if they fit) is the last statement before the commit. So concurrent joins to
   * one group queue on its row for one statement and the commit each, and the member count is
   * exact: a reservation that does not fit rolls the insert back.
   */
  async admitToTable(
    tx: GroupExecutor,
    loaded: LoadedGroup,
    rows: NewMemberRow[],
    onAdded?: (added: string[]) => Promise<void>,
  ): Promise<Admission> {
    const { row, caps, settings } = loaded;
    const existing = await this.members.findMembers(
      row.sdkAppId,
      row.groupId,
      rows.map((r) => r.userId),
      tx,
    );
    const alreadyMembers = rows.filter((r) => existing.has(r.userId)).map((r) => r.userId);
    const bannedNow = await this.bannedOf(
      loaded,
      rows.filter((r) => !existing.has(r.userId)).map((r) => r.userId),
      tx,
    );
    const banned = [...bannedNow];
    const candidates = rows.filter((r) => !existing.has(r.userId) && !bannedNow.has(r.userId));
    await this.members.lockUsers(
      row.sdkAppId,
      candidates.map((r) => r.userId),
      tx,
    );
    const counts = await this.membershipCounts(
      row.sdkAppId,
      candidates.map((r) => r.userId),
      tx,
    );
    const overQuota: string[] = [];
    const fitting = candidates.filter((r) => {
      if ((counts.get(r.userId) ?? 0) < settings.userGroupLimit) return true;
      overQuota.push(r.userId);
      return false;
    });
    const added = await this.members.insertMembers(fitting, tx);
    // Someone else added them between our read and our insert.
    for (const r of fitting) if (!added.includes(r.userId)) alreadyMembers.push(r.userId);
    if (added.length === 0) return { added, alreadyMembers, overQuota, banned };
    if (onAdded) await onAdded(added);
    const seats = await this.groups.reserveSeats(
      row.sdkAppId,
      row.groupId,
      added.length,
      effectiveMemberLimit(caps, settings.memberCap, null),
      tx,
    );
    if (!seats.reserved) {
      if (!seats.exists) throw GroupError.notFound(row.groupId);
      throw GroupError.full(
        effectiveMemberLimit(caps, settings.memberCap, seats.maxMemberNum) ?? 0,
      );
    }
    return { added, alreadyMembers, overQuota, banned };
  }

  /**
   * Adds a user to a room group (Redis): false when already in (the owner always is). Room
   * types have no member limit (T14); only bans and the per-user quota are checked, for rooms
   * that count (AMB-11). Batched with the other joins to the room of this event-loop turn
   * (`RoomJoinBatcher`: no transaction, one Redis script per batch). `announce`: the join is
   * told in the batch's coalesced `group.evt.member-joined` fact (else the caller tells it).
   */
  async admitToRoom(loaded: LoadedGroup, userId: string, announce = false): Promise<boolean> {
    const outcome = await this.roomJoins.admit(loaded, userId, announce);
    if (outcome === 'banned')
      throw new GroupError(ErrorCode.GroupPermissionDenied, 'banned from this group');
    if (outcome === 'overQuota')
      throw GroupError.userQuota([userId], loaded.settings.userGroupLimit);
    return outcome === 'joined';
  }

  /** Groups each user is in for the quota: table memberships plus counted rooms. */
  async membershipCounts(
    sdkAppId: number,
    userIds: readonly string[],
    tx?: GroupExecutor,
  ): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const [table, rooms] = await Promise.all([
      this.members.countMemberships(sdkAppId, userIds, tx),
      this.rooms.countedRooms(sdkAppId, userIds),
    ]);
    return new Map(userIds.map((u) => [u, (table.get(u) ?? 0) + (rooms.get(u) ?? 0)]));
  }
}
