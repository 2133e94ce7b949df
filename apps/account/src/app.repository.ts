import { Inject, Injectable } from '@nestjs/common';
import { count, desc, eq, sql } from 'drizzle-orm';

import type { AppSettings, AppStatus } from '@im/contracts';

import { AppRow, apps } from './account.schema';
import type { AccountDb, AccountExecutor } from './account.db';
import { ACCOUNT_DB } from './account.tokens';

export interface NewApp {
  sdkAppId?: number;
  name: string;
  secretKey: string;
  adminIdentifiers: string[];
  settings: AppSettings;
}

export interface AppPatch {
  name?: string;
  status?: AppStatus;
  adminIdentifiers?: string[];
  settings?: AppSettings;
  secretKey?: string;
}

/** The only SQL on `apps`. The app's own `sdkAppId` scopes every method. */
@Injectable()
export class AppRepository {
  constructor(@Inject(ACCOUNT_DB) private readonly db: AccountDb) {}

  /** Inserts an app with the given ID; undefined when that ID is taken. */
  async insertApp(
    app: NewApp & { sdkAppId: number },
    db: AccountExecutor = this.db,
  ): Promise<AppRow | undefined> {
    const rows = await db
      .insert(apps)
      .values({ ...app, status: 'active', keyVersion: 1 })
      .onConflictDoNothing({ target: apps.sdkAppId })
      .returning();
    return rows[0];
  }

  /** The next SDKAppID from the sequence (never handed out twice). */
  async nextSdkAppId(db: AccountExecutor = this.db): Promise<number> {
    const result = await db.execute<{ id: string }>(
      sql`SELECT nextval('apps_sdk_app_id_seq') AS id`,
    );
    return Number(result.rows[0].id);
  }

  async findApp(sdkAppId: number): Promise<AppRow | undefined> {
    const rows = await this.db.select().from(apps).where(eq(apps.sdkAppId, sdkAppId));
    return rows[0];
  }

  /** A page of apps, newest first, and how many there are. */
  async findAppsPage(offset: number, limit: number): Promise<{ rows: AppRow[]; total: number }> {
    const rows = await this.db
      .select()
      .from(apps)
      .orderBy(desc(apps.createdAt), desc(apps.sdkAppId))
      .offset(offset)
      .limit(limit);
    const [total] = await this.db.select({ n: count() }).from(apps);
    return { rows, total: Number(total?.n ?? 0) };
  }

  /**
   * Applies a patch; settings merge key by key; a new secret key bumps the key version. A null
   * field is not given, like an absent one (the contract's `@IsOptional` lets null through).
   */
  async updateApp(
    sdkAppId: number,
    patch: AppPatch,
    db: AccountExecutor = this.db,
  ): Promise<AppRow | undefined> {
    const rows = await db
      .update(apps)
      .set({
        ...(patch.name != null && { name: patch.name }),
        ...(patch.status != null && { status: patch.status }),
        ...(patch.adminIdentifiers != null && { adminIdentifiers: patch.adminIdentifiers }),
        ...(patch.settings != null && {
          settings: sql`${apps.settings} || ${JSON.stringify(patch.settings)}::jsonb`,
        }),
        ...(patch.secretKey != null && {
          secretKey: patch.secretKey,
          keyVersion: sql`${apps.keyVersion} + 1`,
        }),
        updatedAt: sql`now()`,
      })
      .where(eq(apps.sdkAppId, sdkAppId))
      .returning();
    return rows[0];
  }
}
