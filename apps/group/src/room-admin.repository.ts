import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray } from 'drizzle-orm';

import type { GroupDb, GroupExecutor } from './group.db';
import { groupRoomAdmins } from './group.schema';
import { GROUP_DB } from './group.tokens';

/** The only SQL on `group_room_admins`; every method is scoped by `sdkAppId`. */
@Injectable()
export class RoomAdminRepository {
  constructor(@Inject(GROUP_DB) private readonly db: GroupDb) {}

  /** The room's administrators, in the order they were set (then by user ID). */
  async findAdmins(
    sdkAppId: number,
    groupId: string,
    db: GroupExecutor = this.db,
  ): Promise<string[]> {
    const rows = await db
      .select({ userId: groupRoomAdmins.userId })
      .from(groupRoomAdmins)
      .where(and(eq(groupRoomAdmins.sdkAppId, sdkAppId), eq(groupRoomAdmins.groupId, groupId)))
      .orderBy(asc(groupRoomAdmins.addedAt), asc(groupRoomAdmins.userId));
    return rows.map((r) => r.userId);
  }

  async insertAdmins(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
    now: number,
    db: GroupExecutor = this.db,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await db
      .insert(groupRoomAdmins)
      .values(userIds.map((userId) => ({ sdkAppId, groupId, userId, addedAt: now })))
      .onConflictDoNothing();
  }

  async deleteAdmins(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
    db: GroupExecutor = this.db,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await db
      .delete(groupRoomAdmins)
      .where(
        and(
          eq(groupRoomAdmins.sdkAppId, sdkAppId),
          eq(groupRoomAdmins.groupId, groupId),
          inArray(groupRoomAdmins.userId, [...userIds]),
        ),
      );
  }
}
