import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';

import type { GroupCounterItem } from '@im/contracts';

import type { GroupDb, GroupExecutor } from './group.db';
import { groupCounters } from './group.schema';
import { GROUP_DB } from './group.tokens';

/** The only SQL on `group_counters`; every method is scoped by `sdkAppId`. */
@Injectable()
export class GroupCounterRepository {
  constructor(@Inject(GROUP_DB) private readonly db: GroupDb) {}

  /** The group's counters (none when it never had any). */
  async find(
    sdkAppId: number,
    groupId: string,
    db: GroupExecutor = this.db,
  ): Promise<GroupCounterItem[]> {
    const [row] = await db
      .select({ counters: groupCounters.counters })
      .from(groupCounters)
      .where(and(eq(groupCounters.sdkAppId, sdkAppId), eq(groupCounters.groupId, groupId)));
    return row?.counters ?? [];
  }

  /** Replaces the group's counters; an empty list removes the row. */
  async replace(
    sdkAppId: number,
    groupId: string,
    counters: GroupCounterItem[],
    now: number,
    db: GroupExecutor = this.db,
  ): Promise<void> {
    if (counters.length === 0) {
      await db
        .delete(groupCounters)
        .where(and(eq(groupCounters.sdkAppId, sdkAppId), eq(groupCounters.groupId, groupId)));
      return;
    }
    const plain = counters.map(({ key, value }) => ({ key, value }));
    await db
      .insert(groupCounters)
      .values({ sdkAppId, groupId, counters: plain, updatedAt: now })
      .onConflictDoUpdate({
        target: [groupCounters.sdkAppId, groupCounters.groupId],
        set: { counters: plain, updatedAt: now },
      });
  }
}
