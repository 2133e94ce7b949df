import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';

import type { GroupDb, GroupExecutor } from './group.db';
import { groupAppQuotas, groups } from './group.schema';
import type { GroupRow, NewGroupRow } from './group.schema';
import { GROUP_DB } from './group.tokens';

/** Fields a modify may change (besides InfoSeq and LastInfoTime, which it always moves). */
export type GroupInfoPatch = Partial<
  Pick<
    GroupRow,
    | 'name'
    | 'introduction'
    | 'notification'
    | 'faceUrl'
    | 'maxMemberNum'
    | 'applyJoinOption'
    | 'inviteJoinOption'
    | 'muteAll'
    | 'historyBeforeJoin'
    | 'customData'
    | 'ownerId'
  >
>;

export interface QuotaLimits {
  dailyCreateLimit: number;
  bChatRoomLimit: number;
  appGroupLimit: number;
}

export type QuotaVerdict = 'ok' | 'daily' | 'bchatroom' | 'total';

export interface SeqAllocation {
  nextMsgSeq: number;
  activated: boolean;
  ownerId: string | null;
}

/** The only SQL on `groups` and `group_app_quotas`; scoped by `sdkAppId`. */
@Injectable()
export class GroupRepository {
  /** The hottest read (every join of a live room); built once, not per call. */
  private readonly findGroupPrepared;

  constructor(@Inject(GROUP_DB) private readonly db: GroupDb) {
    this.findGroupPrepared = db
      .select()
      .from(groups)
      .where(
        and(
          eq(groups.sdkAppId, sql.placeholder('sdkAppId')),
          eq(groups.groupId, sql.placeholder('groupId')),
        ),
      )
      .prepare('group_find_group');
  }

  /** Inserts a group; undefined when the ID is taken in the app. */
  async insertGroup(row: NewGroupRow, db: GroupExecutor = this.db): Promise<GroupRow | undefined> {
    const [inserted] = await db.insert(groups).values(row).onConflictDoNothing().returning();
    return inserted;
  }

  async findGroup(
    sdkAppId: number,
    groupId: string,
    db?: GroupExecutor,
  ): Promise<GroupRow | undefined> {
    if (!db) return (await this.findGroupPrepared.execute({ sdkAppId, groupId }))[0];
    const [row] = await db
      .select()
      .from(groups)
      .where(and(eq(groups.sdkAppId, sdkAppId), eq(groups.groupId, groupId)));
    return row;
  }

  async findGroups(sdkAppId: number, groupIds: readonly string[]): Promise<Map<string, GroupRow>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(groups)
      .where(and(eq(groups.sdkAppId, sdkAppId), inArray(groups.groupId, [...groupIds])));
    return new Map(rows.map((r) => [r.groupId, r]));
  }

  /** The group, locked until the transaction ends (joins, removals and changes queue on it). */
  async lockGroup(
    sdkAppId: number,
    groupId: string,
    tx: GroupExecutor,
  ): Promise<GroupRow | undefined> {
    const [row] = await tx
      .select()
      .from(groups)
      .where(and(eq(groups.sdkAppId, sdkAppId), eq(groups.groupId, groupId)))
      .for('update');
    return row;
  }

  /** Applies a change of group information and moves InfoSeq and LastInfoTime (GRP-16). */
  async updateInfo(
    sdkAppId: number,
    groupId: string,
    patch: GroupInfoPatch,
    now: number,
    tx: GroupExecutor,
  ): Promise<GroupRow> {
    const [row] = await tx
      .update(groups)
      .set({ ...patch, infoSeq: sql`${groups.infoSeq} + 1`, lastInfoTime: now })
      .where(and(eq(groups.sdkAppId, sdkAppId), eq(groups.groupId, groupId)))
      .returning();
    return row;
  }

  /** Changes the owner without touching InfoSeq (a quit or a deleted account). */
  async setOwner(
    sdkAppId: number,
    groupId: string,
    ownerId: string | null,
    tx: GroupExecutor,
  ): Promise<void> {
    await tx
      .update(groups)
      .set({ ownerId })
      .where(and(eq(groups.sdkAppId, sdkAppId), eq(groups.groupId, groupId)));
  }

  async addMemberNum(
    sdkAppId: number,
    groupId: string,
    delta: number,
    tx: GroupExecutor,
  ): Promise<void> {
    if (delta === 0) return;
    await tx
      .update(groups)
      .set({ memberNum: sql`${groups.memberNum} + ${delta}` })
      .where(and(eq(groups.sdkAppId, sdkAppId), eq(groups.groupId, groupId)));
  }

  /**
   * Takes `count` member seats if they fit: the member count plus `count` stays within the
   * type limit `typeLimit` (null = none) and the group's MaxMemberNum. Locks the row.
   */
  async reserveSeats(
    sdkAppId: number,
    groupId: string,
    count: number,
    typeLimit: number | null,
    tx: GroupExecutor,
  ): Promise<{ reserved: boolean; exists: boolean; maxMemberNum: number }> {
    const limit = sql`LEAST(${typeLimit}::int, NULLIF(${groups.maxMemberNum}, 0))`;
    const [row] = await tx
      .update(groups)
      .set({ memberNum: sql`${groups.memberNum} + ${count}` })
      .where(
        and(
          eq(groups.sdkAppId, sdkAppId),
          eq(groups.groupId, groupId),
          sql`(${limit} IS NULL OR ${groups.memberNum} + ${count} <= ${limit})`,
        ),
      )
      .returning({ maxMemberNum: groups.maxMemberNum });
    if (row) return { reserved: true, exists: true, maxMemberNum: row.maxMemberNum };
    const current = await this.findGroup(sdkAppId, groupId, tx);
    return { reserved: false, exists: !!current, maxMemberNum: current?.maxMemberNum ?? 0 };
  }

  async deleteGroup(sdkAppId: number, groupId: string, tx: GroupExecutor): Promise<boolean> {
    const rows = await tx
      .delete(groups)
      .where(and(eq(groups.sdkAppId, sdkAppId), eq(groups.groupId, groupId)))
      .returning({ groupId: groups.groupId });
    return rows.length > 0;
  }

  /** A page of the app's group IDs after cursor `afterSeq`, with the cursor of the last one. */
  async listGroupIds(
    sdkAppId: number,
    options: { type?: string; afterSeq: number; limit: number },
  ): Promise<{ groupId: string; seq: number }[]> {
    return this.db
      .select({ groupId: groups.groupId, seq: groups.seq })
      .from(groups)
      .where(
        and(
          eq(groups.sdkAppId, sdkAppId),
          options.type === undefined ? undefined : eq(groups.type, options.type),
          gt(groups.seq, options.afterSeq),
        ),
      )
      .orderBy(asc(groups.seq))
      .limit(options.limit);
  }

  async countGroups(sdkAppId: number, type?: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(groups)
      .where(
        and(eq(groups.sdkAppId, sdkAppId), type === undefined ? undefined : eq(groups.type, type)),
      );
    return row.n;
  }

  /**
   * Takes `count` seqs (GRP-17): NextMsgSeq and LastMsgTime move; a group waiting for
   * activation becomes active when the App admin (`senderId` null), the owner, or anyone in an
   * ownerless group sends (T18). Runs in the caller's transaction.
   */
  async allocateSeqs(
    sdkAppId: number,
    groupId: string,
    seqs: { count: number; lastSeq?: number },
    msgTime: number,
    senderId: string | null,
    tx: GroupExecutor,
  ): Promise<SeqAllocation | undefined> {
    const before = await this.lockGroup(sdkAppId, groupId, tx);
    if (!before) return undefined;
    const activates =
      !before.isActive &&
      (senderId === null || before.ownerId === null || before.ownerId === senderId);
    const [row] = await tx
      .update(groups)
      .set({
        nextMsgSeq:
          seqs.lastSeq === undefined
            ? sql`${groups.nextMsgSeq} + ${seqs.count}`
            : sql`GREATEST(${groups.nextMsgSeq}, ${seqs.lastSeq + 1})`,
        lastMsgTime: sql`GREATEST(${groups.lastMsgTime}, ${msgTime})`,
        ...(activates && { isActive: true }),
      })
      .where(and(eq(groups.sdkAppId, sdkAppId), eq(groups.groupId, groupId)))
      .returning({ nextMsgSeq: groups.nextMsgSeq });
    return { nextMsgSeq: row.nextMsgSeq, activated: activates, ownerId: before.ownerId };
  }

  /**
   * NextMsgSeq becomes at least `atLeast` (messaging's seqs are the authoritative ones: a read
   * position or an import taken against its line brings NextMsgSeq up to that line).
   */
  async raiseNextMsgSeq(
    sdkAppId: number,
    groupId: string,
    atLeast: number,
    tx: GroupExecutor = this.db,
  ): Promise<void> {
    await tx
      .update(groups)
      .set({ nextMsgSeq: sql`GREATEST(${groups.nextMsgSeq}, ${atLeast})` })
      .where(and(eq(groups.sdkAppId, sdkAppId), eq(groups.groupId, groupId)));
  }

  // ---- creation quotas (GRP-39) -------------------------------------------------------------

  /**
   * Counts a creation against the app's quotas, locking the app's row: the day's net count
   * (for `daily` types), BChatRoom groups (for `bchatroom`), and all groups.
   */
  async reserveCreation(
    sdkAppId: number,
    kind: 'daily' | 'bchatroom',
    limits: QuotaLimits,
    today: string,
    tx: GroupExecutor,
  ): Promise<QuotaVerdict> {
    await tx.insert(groupAppQuotas).values({ sdkAppId, day: today }).onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(groupAppQuotas)
      .where(eq(groupAppQuotas.sdkAppId, sdkAppId))
      .for('update');
    const dayNet = row.day === today ? row.dayNet : 0;
    if (row.total >= limits.appGroupLimit) return 'total';
    if (kind === 'daily' && dayNet >= limits.dailyCreateLimit) return 'daily';
    if (kind === 'bchatroom' && row.bchatrooms >= limits.bChatRoomLimit) return 'bchatroom';
    await tx
      .update(groupAppQuotas)
      .set({
        day: today,
        dayNet: kind === 'daily' ? dayNet + 1 : dayNet,
        total: row.total + 1,
        bchatrooms: row.bchatrooms + (kind === 'bchatroom' ? 1 : 0),
      })
      .where(eq(groupAppQuotas.sdkAppId, sdkAppId));
    return 'ok';
  }

  /** Gives a dismissed group back: every dismissal counts against the day (AMB-11). */
  async releaseCreation(
    sdkAppId: number,
    kind: 'daily' | 'bchatroom',
    today: string,
    tx: GroupExecutor,
  ): Promise<void> {
    await tx.execute(sql`
      UPDATE group_app_quotas SET
        day_net = CASE WHEN day = ${today}::date THEN day_net ELSE 0 END
          - ${kind === 'daily' ? 1 : 0},
        day = ${today}::date,
        total = GREATEST(total - 1, 0),
        bchatrooms = GREATEST(bchatrooms - ${kind === 'bchatroom' ? 1 : 0}, 0)
      WHERE sdk_app_id = ${sdkAppId}`);
  }

  /**
   * The apps that have groups: the one query across apps, for platform tasks that visit every
   * app (the offline-member sweep).
   */
  async findAppIds(): Promise<number[]> {
    const rows = await this.db.selectDistinct({ sdkAppId: groups.sdkAppId }).from(groups);
    return rows.map((r) => r.sdkAppId);
  }

  /** A page of the app's groups of the given types, in creation order after `afterSeq`. */
  async pageGroupsOfTypes(
    sdkAppId: number,
    types: readonly string[],
    afterSeq: number,
    limit: number,
  ): Promise<GroupRow[]> {
    return this.db
      .select()
      .from(groups)
      .where(
        and(
          eq(groups.sdkAppId, sdkAppId),
          inArray(groups.type, [...types]),
          gt(groups.seq, afterSeq),
        ),
      )
      .orderBy(asc(groups.seq))
      .limit(limit);
  }
}
