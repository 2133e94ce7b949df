import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';

import type { GroupAttrItem } from '@im/contracts';

import type { GroupDb, GroupExecutor } from './group.db';
import { groupAttributes } from './group.schema';
import { GROUP_DB } from './group.tokens';

/** The only SQL on `group_attributes`; every method is scoped by `sdkAppId`. */
@Injectable()
export class GroupAttrRepository {
  constructor(@Inject(GROUP_DB) private readonly db: GroupDb) {}

  /** The group's attributes (none when it never had any). */
  async find(
    sdkAppId: number,
    groupId: string,
    db: GroupExecutor = this.db,
  ): Promise<GroupAttrItem[]> {
    const [row] = await db
      .select({ attrs: groupAttributes.attrs })
      .from(groupAttributes)
      .where(and(eq(groupAttributes.sdkAppId, sdkAppId), eq(groupAttributes.groupId, groupId)));
    return row?.attrs ?? [];
  }

  /** Replaces the group's attributes; an empty list removes the row. */
  async replace(
    sdkAppId: number,
    groupId: string,
    attrs: GroupAttrItem[],
    now: number,
    db: GroupExecutor = this.db,
  ): Promise<void> {
    if (attrs.length === 0) {
      await db
        .delete(groupAttributes)
        .where(and(eq(groupAttributes.sdkAppId, sdkAppId), eq(groupAttributes.groupId, groupId)));
      return;
    }
    const plain = attrs.map(({ key, value }) => ({ key, value }));
    await db
      .insert(groupAttributes)
      .values({ sdkAppId, groupId, attrs: plain, updatedAt: now })
      .onConflictDoUpdate({
        target: [groupAttributes.sdkAppId, groupAttributes.groupId],
        set: { attrs: plain, updatedAt: now },
      });
  }
}
