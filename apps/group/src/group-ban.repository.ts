import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';

import type { BannedMember } from '@im/contracts';

import type { GroupDb, GroupExecutor } from './group.db';
import { groupBans } from './group.schema';
import { GROUP_DB } from './group.tokens';

/** The only SQL on `group_bans`; every method is scoped by `sdkAppId`. */
@Injectable()
export class GroupBanRepository {
  constructor(@Inject(GROUP_DB) private readonly db: GroupDb) {}

  /** Bans (or re-bans, replacing the end) the users until `bannedUntil`. */
  async upsertBans(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
    bannedUntil: number,
    description: string,
    now: number,
    db: GroupExecutor = this.db,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await db
      .insert(groupBans)
      .values(
        userIds.map((userId) => ({
          sdkAppId,
          groupId,
          userId,
          bannedUntil,
          description,
          bannedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [groupBans.sdkAppId, groupBans.groupId, groupBans.userId],
        set: { bannedUntil, description, bannedAt: now },
      });
  }

  /** Lifts the bans of these users that are still in force; returns whose were. */
  async deleteBans(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
    now: number,
    db: GroupExecutor = this.db,
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await db
      .delete(groupBans)
      .where(
        and(
          eq(groupBans.sdkAppId, sdkAppId),
          eq(groupBans.groupId, groupId),
          inArray(groupBans.userId, [...userIds]),
        ),
      )
      .returning({ userId: groupBans.userId, bannedUntil: groupBans.bannedUntil });
    return rows.filter((r) => r.bannedUntil > now).map((r) => r.userId);
  }

  /** Which of these users are banned from the group now. */
  async findBanned(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
    now: number,
    db: GroupExecutor = this.db,
  ): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await db
      .select({ userId: groupBans.userId, bannedUntil: groupBans.bannedUntil })
      .from(groupBans)
      .where(
        and(
          eq(groupBans.sdkAppId, sdkAppId),
          eq(groupBans.groupId, groupId),
          inArray(groupBans.userId, [...userIds]),
          gt(groupBans.bannedUntil, now),
        ),
      );
    return new Map(rows.map((r) => [r.userId, r.bannedUntil]));
  }

  /** A page of the bans in force, oldest ban first. */
  async findBansPage(
    sdkAppId: number,
    groupId: string,
    now: number,
    offset: number,
    limit: number,
  ): Promise<BannedMember[]> {
    return this.db
      .select({ userId: groupBans.userId, bannedUntil: groupBans.bannedUntil })
      .from(groupBans)
      .where(
        and(
          eq(groupBans.sdkAppId, sdkAppId),
          eq(groupBans.groupId, groupId),
          gt(groupBans.bannedUntil, now),
        ),
      )
      .orderBy(asc(groupBans.bannedAt), asc(groupBans.userId))
      .offset(offset)
      .limit(limit);
  }
}
