import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import type { AdminForbidType, AllowType } from '@im/contracts';
import type { AccountConfirmations } from '@im/platform';
import { REDIS } from '@im/platform';

import { ProfileCacheKeys, ProfileCacheTtl } from './profile.cache-keys';

/** The settings other services decide with, as cached for an existing account. */
export interface CachedSettings {
  allowType: AllowType;
  adminForbidType: AdminForbidType;
  msgSettings: number;
}

/** The service's Redis caches: account existence and settings (keys in profile.cache-keys.ts). */
@Injectable()
export class ProfileCache {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Cached settings per user (undefined: not cached). */
  async getSettings(
    sdkAppId: number,
    userIds: readonly string[],
  ): Promise<Map<string, CachedSettings>> {
    const found = new Map<string, CachedSettings>();
    if (userIds.length === 0) return found;
    const raw = await this.redis.mget(userIds.map((u) => ProfileCacheKeys.settings(sdkAppId, u)));
    userIds.forEach((userId, i) => {
      const value = raw[i];
      if (value) found.set(userId, JSON.parse(value) as CachedSettings);
    });
    return found;
  }

  async putSettings(sdkAppId: number, settings: Map<string, CachedSettings>): Promise<void> {
    if (settings.size === 0) return;
    const multi = this.redis.multi();
    for (const [userId, value] of settings) {
      multi.set(
        ProfileCacheKeys.settings(sdkAppId, userId),
        JSON.stringify(value),
        'EX',
        ProfileCacheTtl.settingsSeconds,
      );
    }
    await multi.exec();
  }

  /** When each user was last confirmed to exist (epoch ms); users not cached are absent. */
  async getConfirmations(
    sdkAppId: number,
    userIds: readonly string[],
  ): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    if (userIds.length === 0) return found;
    const raw = await this.redis.mget(userIds.map((u) => ProfileCacheKeys.exists(sdkAppId, u)));
    userIds.forEach((userId, i) => {
      const at = Number(raw[i]);
      if (raw[i] && Number.isFinite(at)) found.set(userId, at);
    });
    return found;
  }

  async putConfirmations(sdkAppId: number, confirmed: ReadonlyMap<string, number>): Promise<void> {
    if (confirmed.size === 0) return;
    const multi = this.redis.multi();
    for (const [userId, at] of confirmed) {
      multi.set(
        ProfileCacheKeys.exists(sdkAppId, userId),
        String(at),
        'EX',
        ProfileCacheTtl.existsSeconds,
      );
    }
    await multi.exec();
  }

  /** Drops the settings of users whose profile changed. */
  async dropSettings(sdkAppId: number, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.redis.del(...userIds.map((u) => ProfileCacheKeys.settings(sdkAppId, u)));
  }

  /** Drops the confirmations of accounts (deleted or imported again). */
  async dropConfirmations(sdkAppId: number, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.redis.del(...userIds.map((u) => ProfileCacheKeys.exists(sdkAppId, u)));
  }

  /**
   * Where the platform's AccountsClient keeps this service's confirmations: here, shared by
   * every instance and compared with the deletion tombstones (ProfileService.loadExisting).
   */
  accountConfirmations(): AccountConfirmations {
    return {
      get: (sdkAppId, userIds) => this.getConfirmations(sdkAppId, userIds),
      put: (sdkAppId, confirmed) => this.putConfirmations(sdkAppId, confirmed),
      forget: (sdkAppId, userIds) => this.dropConfirmations(sdkAppId, userIds),
    };
  }

  /** Drops everything cached about deleted accounts. */
  async dropAccounts(sdkAppId: number, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.redis.del(
      ...userIds.flatMap((u) => [
        ProfileCacheKeys.settings(sdkAppId, u),
        ProfileCacheKeys.exists(sdkAppId, u),
      ]),
    );
  }
}
