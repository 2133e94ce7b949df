import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import {
  OnlineStatus,
  PlatformStatus,
  PresenceCacheKeys,
  PresenceSession,
  UserOnlineStatus,
} from '@im/contracts';
import { REDIS } from '@im/platform';

/**
 * Reads the sessions the connection gateway records in Redis. A session whose `expiresAt`
 * has passed belongs to a gateway that died without cleaning up and counts as gone.
 */
@Injectable()
export class PresenceReader {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async statuses(
    sdkAppId: number,
    userIds: string[],
    withDetail: boolean,
    now = Date.now(),
  ): Promise<UserOnlineStatus[]> {
    if (userIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) pipeline.hgetall(PresenceCacheKeys.sessions(sdkAppId, userId));
    const replies = (await pipeline.exec()) ?? [];
    return userIds.map((userId, i) => {
      const [err, hash] = replies[i] ?? [null, {}];
      const sessions = err ? [] : liveSessions(hash as Record<string, string>, now);
      return summarise(userId, sessions, withDetail);
    });
  }
}

export function liveSessions(hash: Record<string, string>, now: number): PresenceSession[] {
  const sessions: PresenceSession[] = [];
  for (const value of Object.values(hash)) {
    try {
      const s = JSON.parse(value) as PresenceSession;
      if (typeof s.expiresAt === 'number' && s.expiresAt > now) sessions.push(s);
    } catch {
      // A malformed entry is not a session.
    }
  }
  return sessions;
}

/** Online if any device is online, else PushOnline if any is reachable by push, else Offline. */
export function summarise(
  userId: string,
  sessions: PresenceSession[],
  withDetail: boolean,
): UserOnlineStatus {
  const status: OnlineStatus = sessions.some((s) => s.status === 'Online')
    ? 'Online'
    : sessions.some((s) => s.status === 'PushOnline')
      ? 'PushOnline'
      : 'Offline';
  const result: UserOnlineStatus = { userId, status };
  if (withDetail) {
    result.detail = sessions
      .sort((a, b) => a.since - b.since)
      .map((s): PlatformStatus => ({ platform: s.platform, status: s.status }));
  }
  return result;
}
