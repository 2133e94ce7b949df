import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';

import type { ProfileDb, ProfileExecutor } from './profile.db';
import { profiles, profileTombstones } from './profile.schema';
import type { ProfileRow, ProfileValueColumns } from './profile.schema';
import { PROFILE_DB } from './profile.tokens';

/** When a saved profile's fields came to be, beyond its values. */
export interface ProfileSaveTimes {
  /** Kept when the row exists: since when the account is known to exist. */
  createdAt: Date;
  /** Set when Nick / Image was written now (a later one is kept). */
  nickSetAt?: Date;
  imageSetAt?: Date;
}

/** The only SQL of the service; `sdkAppId` is the first parameter of every method. */
@Injectable()
export class ProfileRepository {
  constructor(@Inject(PROFILE_DB) private readonly db: ProfileDb) {}

  /**
   * Serialises, until the transaction ends, every change of these users' profiles (writes,
   * imports, deletions). Locks are taken in one order (sorted IDs), so two callers do not
   * deadlock.
   */
  async lockUsers(
    sdkAppId: number,
    userIds: readonly string[],
    tx: ProfileExecutor,
  ): Promise<void> {
    if (userIds.length === 0) return;
    const sorted = [...new Set(userIds)].sort();
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(${String(sdkAppId)}::text || ':' || u, 0))
          FROM unnest(${sql.param(sorted)}::text[]) AS u`,
    );
  }

  async findProfiles(
    sdkAppId: number,
    userIds: readonly string[],
    db: ProfileExecutor = this.db,
  ): Promise<Map<string, ProfileRow>> {
    if (userIds.length === 0) return new Map();
    const rows = await db
      .select()
      .from(profiles)
      .where(and(eq(profiles.sdkAppId, sdkAppId), inArray(profiles.userId, [...userIds])));
    return new Map(rows.map((r) => [r.userId, r]));
  }

  /** Writes a profile's values, creating the row when missing. */
  async saveProfile(
    sdkAppId: number,
    userId: string,
    values: ProfileValueColumns,
    times: ProfileSaveTimes,
    db: ProfileExecutor = this.db,
  ): Promise<void> {
    await db
      .insert(profiles)
      .values({
        sdkAppId,
        userId,
        ...values,
        nickSetAt: times.nickSetAt ?? null,
        imageSetAt: times.imageSetAt ?? null,
        createdAt: times.createdAt,
      })
      .onConflictDoUpdate({
        target: [profiles.sdkAppId, profiles.userId],
        set: {
          ...values,
          // GREATEST ignores NULL: a time is only ever moved forward.
          nickSetAt: sql`GREATEST(${profiles.nickSetAt}, excluded.nick_set_at)`,
          imageSetAt: sql`GREATEST(${profiles.imageSetAt}, excluded.image_set_at)`,
          updatedAt: sql`now()`,
        },
      });
  }

  /** Deletes the profiles of these users that existed before `before`; returns their IDs. */
  async deleteProfiles(
    sdkAppId: number,
    userIds: readonly string[],
    before: Date,
    db: ProfileExecutor = this.db,
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await db
      .delete(profiles)
      .where(
        and(
          eq(profiles.sdkAppId, sdkAppId),
          inArray(profiles.userId, [...userIds]),
          lt(profiles.createdAt, before),
        ),
      )
      .returning({ userId: profiles.userId });
    return rows.map((r) => r.userId);
  }

  /** When each of these users' accounts was last deleted (users never deleted are absent). */
  async findTombstones(
    sdkAppId: number,
    userIds: readonly string[],
    db: ProfileExecutor = this.db,
  ): Promise<Map<string, Date>> {
    if (userIds.length === 0) return new Map();
    const rows = await db
      .select({ userId: profileTombstones.userId, deletedAt: profileTombstones.deletedAt })
      .from(profileTombstones)
      .where(
        and(
          eq(profileTombstones.sdkAppId, sdkAppId),
          inArray(profileTombstones.userId, [...userIds]),
        ),
      );
    return new Map(rows.map((r) => [r.userId, r.deletedAt]));
  }

  /** Records that these accounts were deleted at `at` (a later deletion is kept). */
  async recordDeletions(
    sdkAppId: number,
    userIds: readonly string[],
    at: Date,
    db: ProfileExecutor = this.db,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await db
      .insert(profileTombstones)
      .values(userIds.map((userId) => ({ sdkAppId, userId, deletedAt: at })))
      .onConflictDoUpdate({
        target: [profileTombstones.sdkAppId, profileTombstones.userId],
        set: {
          deletedAt: sql`GREATEST(${profileTombstones.deletedAt}, excluded.deleted_at)`,
        },
      });
  }

  /** Forgets deletions older than `before`. */
  async purgeTombstones(
    sdkAppId: number,
    before: Date,
    db: ProfileExecutor = this.db,
  ): Promise<number> {
    const rows = await db
      .delete(profileTombstones)
      .where(and(eq(profileTombstones.sdkAppId, sdkAppId), lt(profileTombstones.deletedAt, before)))
      .returning({ userId: profileTombstones.userId });
    return rows.length;
  }
}
