import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';

import type { GroupDb, GroupExecutor } from '../group.db';
import { officialAccounts, officialAccountSubscribers } from '../group.schema';
import type { OfficialAccountRow, OfficialAccountSubscriberRow } from '../group.schema';
import { GROUP_DB } from '../group.tokens';

export type NewOfficialAccount = Omit<
  OfficialAccountRow,
  'subscriberNum' | 'lastMsgTime' | 'nextMsgSeq'
>;
export type OfficialAccountChanges = Partial<
  Pick<
    OfficialAccountRow,
    'name' | 'introduction' | 'faceUrl' | 'organization' | 'customString' | 'maxSubscriberNum'
  >
>;

export type SubscriberChanges = Partial<
  Pick<OfficialAccountSubscriberRow, 'customString' | 'msgFlag'>
>;

/** The only SQL on `official_accounts` and their subscribers; every method is scoped by `sdkAppId`. */
@Injectable()
export class OfficialAccountRepository {
  constructor(@Inject(GROUP_DB) private readonly db: GroupDb) {}

  /** Inserts the account; false when the ID is taken in the app. */
  async insert(
    sdkAppId: number,
    row: NewOfficialAccount,
    db: GroupExecutor = this.db,
  ): Promise<boolean> {
    const inserted = await db
      .insert(officialAccounts)
      .values({ ...row, sdkAppId })
      .onConflictDoNothing()
      .returning({ id: officialAccounts.officialAccountId });
    return inserted.length === 1;
  }

  async findMany(
    sdkAppId: number,
    ids: readonly string[],
    db: GroupExecutor = this.db,
  ): Promise<OfficialAccountRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(officialAccounts)
      .where(
        and(
          eq(officialAccounts.sdkAppId, sdkAppId),
          inArray(officialAccounts.officialAccountId, [...ids]),
        ),
      );
  }

  /** The account row, locked until the transaction ends. */
  async lock(
    sdkAppId: number,
    id: string,
    db: GroupExecutor,
  ): Promise<OfficialAccountRow | undefined> {
    const [row] = await db
      .select()
      .from(officialAccounts)
      .where(
        and(eq(officialAccounts.sdkAppId, sdkAppId), eq(officialAccounts.officialAccountId, id)),
      )
      .for('update');
    return row;
  }

  async update(
    sdkAppId: number,
    id: string,
    changes: OfficialAccountChanges,
    db: GroupExecutor = this.db,
  ): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await db
      .update(officialAccounts)
      .set(changes)
      .where(
        and(eq(officialAccounts.sdkAppId, sdkAppId), eq(officialAccounts.officialAccountId, id)),
      );
  }

  /** Deletes the account and (cascade) its subscribers; false when there was none. */
  async delete(sdkAppId: number, id: string, db: GroupExecutor = this.db): Promise<boolean> {
    const deleted = await db
      .delete(officialAccounts)
      .where(
        and(eq(officialAccounts.sdkAppId, sdkAppId), eq(officialAccounts.officialAccountId, id)),
      )
      .returning({ id: officialAccounts.officialAccountId });
    return deleted.length === 1;
  }

  /** The given users that already subscribe to the account. */
  async findSubscribed(
    sdkAppId: number,
    id: string,
    userIds: readonly string[],
    db: GroupExecutor = this.db,
  ): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await db
      .select({ userId: officialAccountSubscribers.userId })
      .from(officialAccountSubscribers)
      .where(
        and(
          eq(officialAccountSubscribers.sdkAppId, sdkAppId),
          eq(officialAccountSubscribers.officialAccountId, id),
          inArray(officialAccountSubscribers.userId, [...userIds]),
        ),
      );
    return new Set(rows.map((r) => r.userId));
  }

  /** Adds subscribers and raises the account's count by as many (caller holds the row lock). */
  async insertSubscribers(
    sdkAppId: number,
    id: string,
    userIds: readonly string[],
    now: number,
    db: GroupExecutor,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await db
      .insert(officialAccountSubscribers)
      .values(
        userIds.map((userId) => ({ sdkAppId, officialAccountId: id, userId, subscribeTime: now })),
      );
    await this.addToCount(sdkAppId, id, userIds.length, db);
  }

  /** Removes subscribers and lowers the count by as many removed; returns the removed users. */
  async deleteSubscribers(
    sdkAppId: number,
    id: string,
    userIds: readonly string[],
    db: GroupExecutor,
  ): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await db
      .delete(officialAccountSubscribers)
      .where(
        and(
          eq(officialAccountSubscribers.sdkAppId, sdkAppId),
          eq(officialAccountSubscribers.officialAccountId, id),
          inArray(officialAccountSubscribers.userId, [...userIds]),
        ),
      )
      .returning({ userId: officialAccountSubscribers.userId });
    await this.addToCount(sdkAppId, id, -rows.length, db);
    return new Set(rows.map((r) => r.userId));
  }

  /** Changes a subscriber's own fields (custom string, `MsgFlag`); false when the user does not subscribe. */
  async updateSubscriber(
    sdkAppId: number,
    id: string,
    userId: string,
    patch: SubscriberChanges,
    db: GroupExecutor = this.db,
  ): Promise<boolean> {
    const rows = await db
      .update(officialAccountSubscribers)
      .set(patch)
      .where(
        and(
          eq(officialAccountSubscribers.sdkAppId, sdkAppId),
          eq(officialAccountSubscribers.officialAccountId, id),
          eq(officialAccountSubscribers.userId, userId),
        ),
      )
      .returning({ userId: officialAccountSubscribers.userId });
    return rows.length === 1;
  }

  async findSubscriber(
    sdkAppId: number,
    id: string,
    userId: string,
    db: GroupExecutor = this.db,
  ): Promise<OfficialAccountSubscriberRow | undefined> {
    const [row] = await db
      .select()
      .from(officialAccountSubscribers)
      .where(
        and(
          eq(officialAccountSubscribers.sdkAppId, sdkAppId),
          eq(officialAccountSubscribers.officialAccountId, id),
          eq(officialAccountSubscribers.userId, userId),
        ),
      );
    return row;
  }

  /** Every subscriber's user ID (the account row is locked by the caller). */
  async findAllSubscriberIds(sdkAppId: number, id: string, db: GroupExecutor): Promise<string[]> {
    const rows = await db
      .select({ userId: officialAccountSubscribers.userId })
      .from(officialAccountSubscribers)
      .where(
        and(
          eq(officialAccountSubscribers.sdkAppId, sdkAppId),
          eq(officialAccountSubscribers.officialAccountId, id),
        ),
      );
    return rows.map((r) => r.userId);
  }

  /** Subscribers in user ID order after `afterUserId`, `limit` + 1 rows to tell if more follow. */
  async findSubscribersPage(
    sdkAppId: number,
    id: string,
    afterUserId: string,
    limit: number,
    db: GroupExecutor = this.db,
  ): Promise<OfficialAccountSubscriberRow[]> {
    return db
      .select()
      .from(officialAccountSubscribers)
      .where(
        and(
          eq(officialAccountSubscribers.sdkAppId, sdkAppId),
          eq(officialAccountSubscribers.officialAccountId, id),
          gt(officialAccountSubscribers.userId, afterUserId),
        ),
      )
      .orderBy(asc(officialAccountSubscribers.userId))
      .limit(limit + 1);
  }

  /** A user's subscriptions, oldest first, with the accounts. */
  async findSubscriptionsPage(
    sdkAppId: number,
    userId: string,
    offset: number,
    limit: number,
    db: GroupExecutor = this.db,
  ): Promise<{ account: OfficialAccountRow; self: OfficialAccountSubscriberRow }[]> {
    return db
      .select({ account: officialAccounts, self: officialAccountSubscribers })
      .from(officialAccountSubscribers)
      .innerJoin(
        officialAccounts,
        and(
          eq(officialAccounts.sdkAppId, officialAccountSubscribers.sdkAppId),
          eq(officialAccounts.officialAccountId, officialAccountSubscribers.officialAccountId),
        ),
      )
      .where(
        and(
          eq(officialAccountSubscribers.sdkAppId, sdkAppId),
          eq(officialAccountSubscribers.userId, userId),
        ),
      )
      .orderBy(
        asc(officialAccountSubscribers.subscribeTime),
        asc(officialAccountSubscribers.officialAccountId),
      )
      .offset(offset)
      .limit(limit);
  }

  async countSubscriptions(
    sdkAppId: number,
    userId: string,
    db: GroupExecutor = this.db,
  ): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(officialAccountSubscribers)
      .where(
        and(
          eq(officialAccountSubscribers.sdkAppId, sdkAppId),
          eq(officialAccountSubscribers.userId, userId),
        ),
      );
    return row?.n ?? 0;
  }

  private async addToCount(
    sdkAppId: number,
    id: string,
    delta: number,
    db: GroupExecutor,
  ): Promise<void> {
    if (delta === 0) return;
    await db
      .update(officialAccounts)
      .set({ subscriberNum: sql`${officialAccounts.subscriberNum} + ${delta}` })
      .where(
        and(eq(officialAccounts.sdkAppId, sdkAppId), eq(officialAccounts.officialAccountId, id)),
      );
  }

  /**
   * Takes `count` seqs of the account's message line (or raises it past `lastSeq`, the
   * highest the message service stored) and moves LastMsgTime; undefined when no account.
   */
  async allocateSeqs(
    sdkAppId: number,
    id: string,
    count: number,
    lastSeq: number | undefined,
    msgTime: number,
    db: GroupExecutor = this.db,
  ): Promise<number | undefined> {
    const next =
      lastSeq === undefined
        ? sql`${officialAccounts.nextMsgSeq} + ${count}`
        : sql`greatest(${officialAccounts.nextMsgSeq}, ${lastSeq + 1})`;
    const [row] = await db
      .update(officialAccounts)
      .set({
        nextMsgSeq: next,
        lastMsgTime: sql`greatest(${officialAccounts.lastMsgTime}, ${msgTime})`,
      })
      .where(
        and(eq(officialAccounts.sdkAppId, sdkAppId), eq(officialAccounts.officialAccountId, id)),
      )
      .returning({ nextMsgSeq: officialAccounts.nextMsgSeq });
    return row?.nextMsgSeq;
  }
}
