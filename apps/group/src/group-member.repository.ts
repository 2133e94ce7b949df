import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';

import type { GroupRole } from '@im/contracts';

import type { GroupDb, GroupExecutor } from './group.db';
import { groupMembers, groups } from './group.schema';
import type { GroupRow, MemberRow, NewMemberRow } from './group.schema';
import { GROUP_DB } from './group.tokens';

export type MemberPatch = Partial<
  Pick<MemberRow, 'role' | 'msgFlag' | 'nameCard' | 'muteUntil' | 'customData'>
>;

/** A membership of a user, with what the joined-group list needs of the group. */
export interface Membership {
  member: MemberRow;
  group: GroupRow;
}

/** The only SQL on `group_members` (table-stored groups); scoped by `sdkAppId`. */
@Injectable()
export class GroupMemberRepository {
  /** One user's table memberships (the quota check of every join); built once. */
  private readonly countOnePrepared;

  constructor(@Inject(GROUP_DB) private readonly db: GroupDb) {
    this.countOnePrepared = db
      .select({ n: count() })
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.sdkAppId, sql.placeholder('sdkAppId')),
          eq(groupMembers.userId, sql.placeholder('userId')),
        ),
      )
      .prepare('group_count_memberships_of_one');
  }

  /** Inserts members; returns the user IDs that were not members yet. */
  async insertMembers(rows: NewMemberRow[], tx: GroupExecutor): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await tx
      .insert(groupMembers)
      .values(rows)
      .onConflictDoNothing()
      .returning({ userId: groupMembers.userId });
    return inserted.map((r) => r.userId);
  }

  async findMember(
    sdkAppId: number,
    groupId: string,
    userId: string,
    db: GroupExecutor = this.db,
  ): Promise<MemberRow | undefined> {
    const [row] = await db
      .select()
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.userId, userId),
        ),
      );
    return row;
  }

  async findMembers(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
    db: GroupExecutor = this.db,
  ): Promise<Map<string, MemberRow>> {
    if (userIds.length === 0) return new Map();
    const rows = await db
      .select()
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          inArray(groupMembers.userId, [...userIds]),
        ),
      );
    return new Map(rows.map((r) => [r.userId, r]));
  }

  /** One user's member rows in several groups (group ID → row). */
  async findMembershipsIn(
    sdkAppId: number,
    userId: string,
    groupIds: readonly string[],
  ): Promise<Map<string, MemberRow>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.userId, userId),
          inArray(groupMembers.groupId, [...groupIds]),
        ),
      );
    return new Map(rows.map((r) => [r.groupId, r]));
  }

  /** Members in join order, filtered by role, paged. */
  async pageMembers(
    sdkAppId: number,
    groupId: string,
    options: { roles?: readonly GroupRole[]; offset: number; limit?: number },
  ): Promise<MemberRow[]> {
    const query = this.db
      .select()
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          options.roles?.length ? inArray(groupMembers.role, [...options.roles]) : undefined,
        ),
      )
      .orderBy(asc(groupMembers.joinTime), asc(groupMembers.userId))
      .offset(options.offset);
    return options.limit === undefined ? query : query.limit(options.limit);
  }

  /** Members by user ID after `after`, for delivery. */
  async pageByUserId(
    sdkAppId: number,
    groupId: string,
    after: string | undefined,
    limit: number,
  ): Promise<MemberRow[]> {
    return this.db
      .select()
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          after === undefined ? undefined : gt(groupMembers.userId, after),
        ),
      )
      .orderBy(asc(groupMembers.userId))
      .limit(limit);
  }

  /** Member IDs in ID order: every member, or those with one of `roles` when given. */
  async memberIds(
    sdkAppId: number,
    groupId: string,
    options: { roles?: readonly GroupRole[]; db?: GroupExecutor } = {},
  ): Promise<string[]> {
    const { roles, db = this.db } = options;
    const rows = await db
      .select({ userId: groupMembers.userId })
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          roles ? inArray(groupMembers.role, [...roles]) : undefined,
        ),
      )
      .orderBy(asc(groupMembers.userId));
    return rows.map((r) => r.userId);
  }

  async countMembers(
    sdkAppId: number,
    groupId: string,
    roles?: readonly GroupRole[],
  ): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          roles?.length ? inArray(groupMembers.role, [...roles]) : undefined,
        ),
      );
    return row.n;
  }

  /** Deletes every member of a group (it is being dismissed). */
  async deleteAllMembers(sdkAppId: number, groupId: string, tx: GroupExecutor): Promise<void> {
    await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.sdkAppId, sdkAppId), eq(groupMembers.groupId, groupId)));
  }

  /** Deletes members; returns the user IDs that were members. */
  async deleteMembers(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
    tx: GroupExecutor,
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await tx
      .delete(groupMembers)
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          inArray(groupMembers.userId, [...userIds]),
        ),
      )
      .returning({ userId: groupMembers.userId });
    return rows.map((r) => r.userId);
  }

  async updateMember(
    sdkAppId: number,
    groupId: string,
    userId: string,
    patch: MemberPatch,
    tx: GroupExecutor,
  ): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await tx
      .update(groupMembers)
      .set(patch)
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.userId, userId),
        ),
      );
  }

  /** Sets the mute time of members; returns those that are members. */
  async setMuteUntil(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
    muteUntil: number,
    tx: GroupExecutor,
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await tx
      .update(groupMembers)
      .set({ muteUntil })
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          inArray(groupMembers.userId, [...userIds]),
        ),
      )
      .returning({ userId: groupMembers.userId });
    return rows.map((r) => r.userId);
  }

  /** Members muted after `now`. */
  async mutedMembers(sdkAppId: number, groupId: string, now: number): Promise<MemberRow[]> {
    return this.db
      .select()
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          gt(groupMembers.muteUntil, now),
        ),
      )
      .orderBy(asc(groupMembers.userId));
  }

  /** Every group a user is a member of, with the group. */
  async membershipsOf(sdkAppId: number, userId: string): Promise<Membership[]> {
    const rows = await this.db
      .select({ member: groupMembers, group: groups })
      .from(groupMembers)
      .innerJoin(
        groups,
        and(eq(groups.sdkAppId, groupMembers.sdkAppId), eq(groups.groupId, groupMembers.groupId)),
      )
      .where(and(eq(groupMembers.sdkAppId, sdkAppId), eq(groupMembers.userId, userId)))
      .orderBy(asc(groupMembers.joinTime), asc(groupMembers.groupId));
    return rows;
  }

  /**
   * Groups of a type a user owns (`CreateGroupNum` of `Group.CallbackBeforeCreateGroup`):
   * table-stored groups, through the user's memberships.
   */
  async countOwnedGroups(sdkAppId: number, userId: string, type: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(groupMembers)
      .innerJoin(
        groups,
        and(eq(groups.sdkAppId, groupMembers.sdkAppId), eq(groups.groupId, groupMembers.groupId)),
      )
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.userId, userId),
          eq(groupMembers.role, 'Owner'),
          eq(groups.type, type),
        ),
      );
    return row?.n ?? 0;
  }

  /** IDs of the groups a user is a member of. */
  async groupIdsOf(sdkAppId: number, userId: string): Promise<string[]> {
    const rows = await this.db
      .select({ groupId: groupMembers.groupId })
      .from(groupMembers)
      .where(and(eq(groupMembers.sdkAppId, sdkAppId), eq(groupMembers.userId, userId)));
    return rows.map((r) => r.groupId);
  }

  /** How many table-stored groups each user is in. */
  async countMemberships(
    sdkAppId: number,
    userIds: readonly string[],
    db: GroupExecutor = this.db,
  ): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    if (userIds.length === 1 && db === this.db) {
      const [row] = await this.countOnePrepared.execute({ sdkAppId, userId: userIds[0] });
      return new Map([[userIds[0], row?.n ?? 0]]);
    }
    const rows = await db
      .select({ userId: groupMembers.userId, n: count() })
      .from(groupMembers)
      .where(and(eq(groupMembers.sdkAppId, sdkAppId), inArray(groupMembers.userId, [...userIds])))
      .groupBy(groupMembers.userId);
    return new Map(rows.map((r) => [r.userId, r.n]));
  }

  /**
   * Serialises membership changes of these users until the transaction ends (the per-user
   * quota is counted, then written). Sorted, so two transactions never wait on each other.
   */
  async lockUsers(sdkAppId: number, userIds: readonly string[], tx: GroupExecutor): Promise<void> {
    const sorted = [...new Set(userIds)].sort();
    if (sorted.length === 0) return;
    await tx.execute(sql`
      SELECT pg_advisory_xact_lock(hashtextextended(${`${sdkAppId}:`}::text || u, 0))
      FROM unnest(${sql.param(sorted)}::text[]) WITH ORDINALITY AS t(u, i) ORDER BY i`);
  }

  /** Moves a member's LastSendMsgTime forward. */
  async touchLastSend(
    sdkAppId: number,
    groupId: string,
    userId: string,
    time: number,
    tx: GroupExecutor,
  ): Promise<void> {
    await tx
      .update(groupMembers)
      .set({ lastSendMsgTime: sql`GREATEST(${groupMembers.lastSendMsgTime}, ${time})` })
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.userId, userId),
        ),
      );
  }

  /** Sets or advances a read seq (clamped to [0, max]); undefined when not a member. */
  async setReadSeq(
    sdkAppId: number,
    groupId: string,
    userId: string,
    msgSeq: number,
    max: number,
    mode: 'advance' | 'set',
  ): Promise<number | undefined> {
    const target = Math.max(0, Math.min(msgSeq, max));
    const rows = await this.db
      .update(groupMembers)
      .set({
        msgSeq: mode === 'advance' ? sql`GREATEST(${groupMembers.msgSeq}, ${target})` : target,
      })
      .where(
        and(
          eq(groupMembers.sdkAppId, sdkAppId),
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.userId, userId),
        ),
      )
      .returning({ msgSeq: groupMembers.msgSeq });
    return rows[0]?.msgSeq;
  }
}
