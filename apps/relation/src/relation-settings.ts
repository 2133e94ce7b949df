import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { ErrorCode, RelationLimits } from '@im/contracts';
import type { AppCredentialsReply } from '@im/contracts';
import { AppCredentialsCache, NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { AppSettingsSource, PlatformLogger } from '@im/platform';

import { RELATION_SERVICE } from './relation.config';
import { RelationError } from './relation.errors';

/** The relation settings of one app (account's app registry, defaults filled in). */
export interface AppRelationSettings {
  friendLimit: number;
  blacklistLimit: number;
  /** AddWording is required on friend requests (REL-19). */
  wordingRequired: boolean;
  /** Days a pending request lives (AMB-29). */
  requestTtlDays: number;
  /** Declared `Tag_SNS_Custom_*` fields and their types (REL-10). */
  snsCustomFields: Map<string, 'string' | 'bytes'>;
  /** Declared `Tag_Profile_Custom_*` fields (for friend_get_list's tag check). */
  profileCustomTags: Set<string>;
}

/**
 * Per-app settings, read through the platform's app-credentials cache: asked from
 * `account.rpc.get-app-credentials` as a service, kept briefly, dropped on
 * `account.evt.app-changed`.
 */
@Injectable()
export class RelationSettings
  implements OnApplicationBootstrap, OnApplicationShutdown, AppSettingsSource
{
  private readonly cache: AppCredentialsCache;

  constructor(bus: NatsBus, @Inject(PLATFORM_LOGGER) logger: PlatformLogger) {
    this.cache = new AppCredentialsCache(bus, logger, {
      ttlMs: 30_000,
      negativeTtlMs: 5_000,
      maxEntries: 100_000,
      callerId: RELATION_SERVICE,
    });
  }

  onApplicationBootstrap(): void {
    this.cache.start();
  }

  onApplicationShutdown(): void {
    this.cache.stop();
  }

  /** The app as cached (its callback settings are read by BeforeCallbackClient). */
  get(sdkAppId: number): Promise<AppCredentialsReply | undefined> {
    return this.cache.get(sdkAppId);
  }

  async of(sdkAppId: number): Promise<AppRelationSettings> {
    const app = await this.cache.get(sdkAppId);
    if (!app) throw new RelationError(ErrorCode.SnsSdkAppIdMismatch, `app ${sdkAppId} is unknown`);
    const s = app.settings ?? {};
    return {
      friendLimit: s.friendLimit ?? RelationLimits.defaultFriendLimit,
      blacklistLimit: s.blacklistLimit ?? RelationLimits.defaultBlacklistLimit,
      wordingRequired: s.friendRequestWordingRequired ?? false,
      requestTtlDays: s.pendingFriendRequestTtlDays ?? RelationLimits.defaultPendingRequestTtlDays,
      snsCustomFields: new Map((s.snsCustomFields ?? []).map((f) => [f.key, f.type])),
      profileCustomTags: new Set((s.profileCustomFields ?? []).map((f) => f.key)),
    };
  }
}
