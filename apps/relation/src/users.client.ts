import { Injectable } from '@nestjs/common';

import { ErrorCode, ProfileLimits, ProfileRpc, RemoteError } from '@im/contracts';
import type { ProfileSettings, UserProfile } from '@im/contracts';
import { AccountsClient, NatsBus } from '@im/platform';

import { RelationError } from './relation.errors';

const SETTINGS_BATCH = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * What the relation service asks other services about users, as a service of the app: whether
 * accounts exist (account, through the platform's AccountsClient), their friend-add settings and profile fields (profile). A
 * dependency that does not answer fails the request with 30007 (the platform filter); one
 * that answers with an error becomes 30006.
 */
@Injectable()
export class UsersClient {
  constructor(
    private readonly bus: NatsBus,
    private readonly accounts: AccountsClient,
  ) {}

  /** AllowType, AdminForbidType and existence of each user (profile caches them). */
  async settings(sdkAppId: number, userIds: string[]): Promise<Map<string, ProfileSettings>> {
    const result = new Map<string, ProfileSettings>();
    for (const batch of chunks([...new Set(userIds)], SETTINGS_BATCH)) {
      const reply = await this.ask(() =>
        this.bus.request(ProfileRpc.GetSettings, { userIds: batch }, this.bus.asService(sdkAppId)),
      );
      for (const s of reply.settings) result.set(s.userId, s);
    }
    return result;
  }

  /**
   * The users of the list that exist in the app, asked fresh: a friend or blacklist write must
   * not act on an account deleted a moment ago.
   */
  existing(sdkAppId: number, userIds: string[]): Promise<Set<string>> {
    return this.ask(() => this.accounts.existing(sdkAppId, userIds, { fresh: true }));
  }

  /** Profile fields of users (profile.rpc.get), only what a service may read. */
  async profiles(
    sdkAppId: number,
    userIds: string[],
    tags: string[],
  ): Promise<Map<string, UserProfile>> {
    const result = new Map<string, UserProfile>();
    if (tags.length === 0) return result;
    for (const batch of chunks([...new Set(userIds)], ProfileLimits.getMaxUsers)) {
      const reply = await this.ask(() =>
        this.bus.request(ProfileRpc.Get, { userIds: batch, tags }, this.bus.asService(sdkAppId)),
      );
      for (const p of reply.profiles) result.set(p.userId, p);
    }
    return result;
  }

  private async ask<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof RemoteError)
        throw new RelationError(
          ErrorCode.SnsInternalError,
          `${err.subject} answered ${err.code}: ${err.message}`,
        );
      throw err;
    }
  }
}
