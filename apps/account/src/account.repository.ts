import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, like, sql } from 'drizzle-orm';

import { ROBOT_ID_PREFIX } from '@im/contracts';
import type { AccountType } from '@im/contracts';

import { accounts, apps } from './account.schema';
import type { AccountDb, AccountExecutor } from './account.db';
import { ACCOUNT_DB } from './account.tokens';

export interface AccountWrite {
  userId: string;
  nick?: string;
  faceUrl?: string;
  type?: AccountType;
}

/** The only SQL on `accounts`; every method is scoped by `sdkAppId`. */
@Injectable()
export class AccountRepository {
  constructor(@Inject(ACCOUNT_DB) private readonly db: AccountDb) {}

  /**
   * Inserts accounts or updates the given fields of existing ones (IDs must be distinct).
   * Returns, per account, whether it was created.
   */
  async upsertAccounts(
    sdkAppId: number,
    items: AccountWrite[],
    db: AccountExecutor = this.db,
  ): Promise<{ userId: string; created: boolean }[]> {
    if (items.length === 0) return [];
    // Like nick and face URL, the type changes only when given: a robot stays a robot.
    const typed = items.filter((i) => i.type != null).map((i) => i.userId);
    return db
      .insert(accounts)
      .values(
        items.map((i) => ({
          sdkAppId,
          userId: i.userId,
          nick: i.nick ?? null,
          faceUrl: i.faceUrl ?? null,
          type: i.type ?? 0,
        })),
      )
      .onConflictDoUpdate({
        target: [accounts.sdkAppId, accounts.userId],
        set: {
          nick: sql`COALESCE(excluded.nick, ${accounts.nick})`,
          faceUrl: sql`COALESCE(excluded.face_url, ${accounts.faceUrl})`,
          type: sql`CASE WHEN excluded.user_id = ANY(${sql.param(typed)}::text[])
            THEN excluded.type ELSE ${accounts.type} END`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ userId: accounts.userId, created: sql<boolean>`(xmax = 0)` });
  }

  async deleteAccounts(
    sdkAppId: number,
    userIds: string[],
    db: AccountExecutor = this.db,
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await db
      .delete(accounts)
      .where(and(eq(accounts.sdkAppId, sdkAppId), inArray(accounts.userId, userIds)))
      .returning({ userId: accounts.userId });
    return rows.map((r) => r.userId);
  }

  /**
   * Serialises robot changes of one app (the 20-robot cap): locks the app's row until the
   * transaction ends.
   */
  async lockRobots(sdkAppId: number, tx: AccountExecutor): Promise<void> {
    await tx.execute(sql`SELECT 1 FROM apps WHERE sdk_app_id = ${sdkAppId} FOR UPDATE`);
  }

  /** The app's robots (accounts of type 1 named `@RBT#...`), oldest first; only among `userIds` when given. */
  async findRobotIds(
    sdkAppId: number,
    userIds?: string[],
    db: AccountExecutor = this.db,
  ): Promise<string[]> {
    if (userIds?.length === 0) return [];
    const rows = await db
      .select({ userId: accounts.userId })
      .from(accounts)
      .where(
        and(
          eq(accounts.sdkAppId, sdkAppId),
          eq(accounts.type, 1),
          // account_import may set Type 1 on any ID; a robot is also named `@RBT#...`
          like(accounts.userId, `${ROBOT_ID_PREFIX}%`),
          userIds ? inArray(accounts.userId, userIds) : undefined,
        ),
      )
      .orderBy(accounts.createdAt, accounts.userId);
    return rows.map((r) => r.userId);
  }

  /** Sets an account's type; false when the account does not exist. */
  async updateAccountType(
    sdkAppId: number,
    userId: string,
    type: AccountType,
    db: AccountExecutor = this.db,
  ): Promise<boolean> {
    const rows = await db
      .update(accounts)
      .set({ type, updatedAt: sql`now()` })
      .where(and(eq(accounts.sdkAppId, sdkAppId), eq(accounts.userId, userId)))
      .returning({ userId: accounts.userId });
    return rows.length > 0;
  }

  /** Which of the user IDs exist in the app: imported accounts and the app's admin identifiers. */
  async findExistingUserIds(sdkAppId: number, userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const [rows, app] = await Promise.all([
      this.db
        .select({ userId: accounts.userId })
        .from(accounts)
        .where(and(eq(accounts.sdkAppId, sdkAppId), inArray(accounts.userId, userIds))),
      this.db
        .select({ adminIdentifiers: apps.adminIdentifiers })
        .from(apps)
        .where(eq(apps.sdkAppId, sdkAppId)),
    ]);
    // Tencent treats the App admin as an existing account (account_check, From_Account checks).
    const admins = new Set(app[0]?.adminIdentifiers ?? []);
    return new Set([...rows.map((r) => r.userId), ...userIds.filter((id) => admins.has(id))]);
  }

  /** The UserSig revocation time of an account, or undefined when it does not exist. */
  async findRevokedBefore(
    sdkAppId: number,
    userId: string,
    db: AccountExecutor = this.db,
  ): Promise<number | undefined> {
    const rows = await db
      .select({ revokedBefore: accounts.sigRevokedBefore })
      .from(accounts)
      .where(and(eq(accounts.sdkAppId, sdkAppId), eq(accounts.userId, userId)));
    return rows[0]?.revokedBefore;
  }

  /** Creates an account that does not exist yet; false when it already existed. */
  async insertAccountIfMissing(
    sdkAppId: number,
    userId: string,
    db: AccountExecutor = this.db,
  ): Promise<boolean> {
    const rows = await db
      .insert(accounts)
      .values({ sdkAppId, userId })
      .onConflictDoNothing({ target: [accounts.sdkAppId, accounts.userId] })
      .returning({ userId: accounts.userId });
    return rows.length > 0;
  }

  /** Sets the revocation time of a user's UserSigs; false when the account does not exist. */
  async revokeSigs(
    sdkAppId: number,
    userId: string,
    before: number,
    db: AccountExecutor = this.db,
  ): Promise<boolean> {
    const rows = await db
      .update(accounts)
      .set({
        sigRevokedBefore: sql`GREATEST(${accounts.sigRevokedBefore}, ${before})`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(accounts.sdkAppId, sdkAppId), eq(accounts.userId, userId)))
      .returning({ userId: accounts.userId });
    return rows.length > 0;
  }
}
