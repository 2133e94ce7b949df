import { Injectable } from '@nestjs/common';

import { ErrorCode, RelationLimits } from '@im/contracts';
import type { AppSettings } from '@im/contracts';
import { AppRegistryCache, AppSettingsView } from '@im/platform';

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
 * Per-app settings from the account service's app registry (kept briefly, dropped on
 * `account.evt.app-changed`); an unknown app is an error.
 */
@Injectable()
export class RelationSettings {
  private readonly settings: AppSettingsView<AppRelationSettings>;

  constructor(registry: AppRegistryCache) {
    this.settings = new AppSettingsView(registry, (app, sdkAppId) => {
      if (!app)
        throw new RelationError(ErrorCode.SnsSdkAppIdMismatch, `app ${sdkAppId} is unknown`);
      return relationSettingsOf(app.settings);
    });
  }

  of(sdkAppId: number): Promise<AppRelationSettings> {
    return this.settings.of(sdkAppId);
  }
}

/** The relation settings of an app, defaults filled in. */
export function relationSettingsOf(s: AppSettings = {}): AppRelationSettings {
  return {
    friendLimit: s.friendLimit ?? RelationLimits.defaultFriendLimit,
    blacklistLimit: s.blacklistLimit ?? RelationLimits.defaultBlacklistLimit,
    wordingRequired: s.friendRequestWordingRequired ?? false,
    requestTtlDays: s.pendingFriendRequestTtlDays ?? RelationLimits.defaultPendingRequestTtlDays,
    snsCustomFields: new Map((s.snsCustomFields ?? []).map((f) => [f.key, f.type])),
    profileCustomTags: new Set((s.profileCustomFields ?? []).map((f) => f.key)),
  };
}
