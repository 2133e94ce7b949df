import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PLATFORM_LOGGER, REDIS } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { PushCacheKeys } from './push.cache-keys';
import { PushDeviceRepository } from './push-device.repository';

/** The member that says the set is complete (rebuilt from `push_devices` since it was lost). */
export const DEVICE_USERS_READY = '*ready*';

/** Members added per command while the set is rebuilt. */
const REBUILD_CHUNK = 1000;

/** The member of a user of an app in the set. */
export function deviceUserMember(sdkAppId: number, userId: string): string {
  return `${sdkAppId}|${userId}`;
}

/**
 * The users who may have a push device, in one Redis set (`PushCacheKeys.deviceUsers`), so an
 * offline-push request for users with none — most of them — costs one Redis command instead
 * of a `push_devices` query. It never leaves out a user who has a device: a registration adds
 * its user before the device row is written, and nothing is taken out when devices go (a user
 * left in costs one query per push, as before). The set counts only while it holds the
 * readiness member, written last by a rebuild from `push_devices`; when Redis lost it (restart,
 * eviction) every user counts as having devices until the background rebuild has run.
 */
@Injectable()
export class DeviceUsersIndex {
  private rebuilding?: Promise<void>;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly devices: PushDeviceRepository,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** The users of the list that may have a device (all of them when the set cannot say). */
  async mayHaveDevices(sdkAppId: number, userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    let flags: number[];
    try {
      flags = await this.redis.smismember(
        PushCacheKeys.deviceUsers,
        DEVICE_USERS_READY,
        ...userIds.map((u) => deviceUserMember(sdkAppId, u)),
      );
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'device users not read; asking the db');
      return userIds;
    }
    if (flags[0] !== 1) {
      void this.rebuild();
      return userIds;
    }
    return userIds.filter((_, i) => flags[i + 1] === 1);
  }

  /** Before a device of the user is stored: throws when Redis cannot take it. */
  async add(sdkAppId: number, userId: string): Promise<void> {
    await this.redis.sadd(PushCacheKeys.deviceUsers, deviceUserMember(sdkAppId, userId));
  }

  /**
   * Fills the set from `push_devices`, then marks it complete; one run at a time per instance
   * (two instances rebuilding at once add the same members). Registrations meanwhile add their
   * users themselves.
   */
  rebuild(): Promise<void> {
    this.rebuilding ??= this.fill()
      .catch((err: unknown) =>
        this.logger.warn({ err: (err as Error).message }, 'device users not rebuilt'),
      )
      .finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  private async fill(): Promise<void> {
    let added = 0;
    for await (const users of this.devices.deviceUsers(REBUILD_CHUNK)) {
      if (users.length === 0) continue;
      await this.redis.sadd(
        PushCacheKeys.deviceUsers,
        ...users.map((u) => deviceUserMember(u.sdkAppId, u.userId)),
      );
      added += users.length;
    }
    await this.redis.sadd(PushCacheKeys.deviceUsers, DEVICE_USERS_READY);
    this.logger.info({ users: added }, 'device users rebuilt');
  }
}
