import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray } from 'drizzle-orm';

import type { GroupDb, GroupExecutor } from './group.db';
import { groupJoinRequests } from './group.schema';
import type { JoinRequestRow } from './group.schema';
import { GROUP_DB } from './group.tokens';

const FOREIGN_KEY_VIOLATION = '23503';

/** The SQLSTATE of a failed query (drizzle wraps the driver's error as its `cause`). */
function postgresCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e.cause?.code ?? e.code;
  return typeof code === 'string' ? code : undefined;
}

/** The join request of one applicant to one group of an app. */
function oneRequest(sdkAppId: number, groupId: string, applicantId: string) {
  return and(
    eq(groupJoinRequests.sdkAppId, sdkAppId),
    eq(groupJoinRequests.groupId, groupId),
    eq(groupJoinRequests.applicantId, applicantId),
  );
}

/** The only SQL on `group_join_requests` (pending applications, GRP-48); scoped by `sdkAppId`. */
@Injectable()
export class JoinRequestRepository {
  constructor(@Inject(GROUP_DB) private readonly db: GroupDb) {}

  /**
   * Writes the application; false when its group is gone (destroyed since it was read: the
   * foreign key refuses the row). The transaction it ran in is then aborted: end it.
   */
  async upsert(row: JoinRequestRow, tx: GroupExecutor = this.db): Promise<boolean> {
    try {
      await tx
        .insert(groupJoinRequests)
        .values(row)
        .onConflictDoUpdate({
          target: [
            groupJoinRequests.sdkAppId,
            groupJoinRequests.groupId,
            groupJoinRequests.applicantId,
          ],
          set: { message: row.message, createdAt: row.createdAt },
        });
      return true;
    } catch (err) {
      if (postgresCode(err) === FOREIGN_KEY_VIOLATION) return false;
      throw err;
    }
  }

  /** Removes a pending request; false when there was none (already handled). */
  async delete(
    sdkAppId: number,
    groupId: string,
    applicantId: string,
    tx: GroupExecutor = this.db,
  ): Promise<boolean> {
    const rows = await tx
      .delete(groupJoinRequests)
      .where(oneRequest(sdkAppId, groupId, applicantId))
      .returning({ applicantId: groupJoinRequests.applicantId });
    return rows.length > 0;
  }

  async find(
    sdkAppId: number,
    groupId: string,
    applicantId: string,
  ): Promise<JoinRequestRow | undefined> {
    const [row] = await this.db
      .select()
      .from(groupJoinRequests)
      .where(oneRequest(sdkAppId, groupId, applicantId));
    return row;
  }

  async deleteApplicants(
    sdkAppId: number,
    groupId: string,
    applicantIds: readonly string[],
    tx: GroupExecutor,
  ): Promise<void> {
    if (applicantIds.length === 0) return;
    await tx
      .delete(groupJoinRequests)
      .where(
        and(
          eq(groupJoinRequests.sdkAppId, sdkAppId),
          eq(groupJoinRequests.groupId, groupId),
          inArray(groupJoinRequests.applicantId, [...applicantIds]),
        ),
      );
  }

  async deleteByApplicant(
    sdkAppId: number,
    applicantId: string,
    tx: GroupExecutor = this.db,
  ): Promise<void> {
    await tx
      .delete(groupJoinRequests)
      .where(
        and(
          eq(groupJoinRequests.sdkAppId, sdkAppId),
          eq(groupJoinRequests.applicantId, applicantId),
        ),
      );
  }

  async findByGroup(sdkAppId: number, groupId: string): Promise<JoinRequestRow[]> {
    return this.db
      .select()
      .from(groupJoinRequests)
      .where(and(eq(groupJoinRequests.sdkAppId, sdkAppId), eq(groupJoinRequests.groupId, groupId)))
      .orderBy(asc(groupJoinRequests.createdAt), asc(groupJoinRequests.applicantId));
  }
}
