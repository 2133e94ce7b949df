import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PresenceCacheKeys } from '@im/contracts';
import type { DepartedSession, PresenceSession } from '@im/contracts';

import { REDIS } from '../redis/redis.tokens';

/** A user of an app: `[sdkAppId, userId]`. */
export type AppUser = readonly [sdkAppId: number, userId: string];

/** A live session with the user it belongs to. */
export interface LiveSession extends PresenceSession {
  userId: string;
}

/**
 * Reads the sessions the connection gateway records in Redis (its structure, keyed by
 * `PresenceCacheKeys.sessions`: a hash per user, field = connection id, value = JSON
 * `PresenceSession`), one pipelined round trip per call. One validity check for every
 * reader: an entry is a session when it parses with string `connId` and `nodeId` and a
 * numeric `expiresAt`, and it is live while `expiresAt` is in the future (a session past it
 * belongs to a gateway that died without cleaning up). A user whose hash cannot be read has no
 * sessions; the others are still answered.
 */
@Injectable()
export class PresenceReader {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** The well-formed sessions recorded for each user, in order, expired ones included. */
  async recorded(users: readonly AppUser[]): Promise<PresenceSession[][]> {
    if (users.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const [sdkAppId, userId] of users)
      pipeline.hgetall(PresenceCacheKeys.sessions(sdkAppId, userId));
    const replies = (await pipeline.exec()) ?? [];
    return users.map((_, i) => {
      const [err, hash] = replies[i] ?? [null, null];
      if (err || !hash) return [];
      const sessions: PresenceSession[] = [];
      for (const value of Object.values(hash as Record<string, string>)) {
        const session = parsePresenceSession(value);
        if (session) sessions.push(session);
      }
      return sessions;
    });
  }

  /** The live sessions of each user of an app, in the order of `userIds`. */
  async live(sdkAppId: number, userIds: readonly string[], now = Date.now()) {
    const recorded = await this.recorded(userIds.map((userId) => [sdkAppId, userId] as const));
    return recorded.map((sessions) => liveSessions(sessions, now));
  }

  /**
   * The departures still valid of each user of an app (`PresenceCacheKeys.departed`: sessions
   * that ended without a logout or a kick), in the order of `userIds`.
   */
  async departed(
    sdkAppId: number,
    userIds: readonly string[],
    now = Date.now(),
  ): Promise<DepartedSession[][]> {
    if (userIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) pipeline.hgetall(PresenceCacheKeys.departed(sdkAppId, userId));
    const replies = (await pipeline.exec()) ?? [];
    return userIds.map((_, i) => {
      const [err, hash] = replies[i] ?? [null, null];
      if (err || !hash) return [];
      return Object.values(hash as Record<string, string>)
        .map(parseDepartedSession)
        .filter((d): d is DepartedSession => d !== undefined && d.expiresAt > now);
    });
  }

  /** Every live session of the users of an app, each with its user. */
  async liveSessionsOf(
    sdkAppId: number,
    userIds: readonly string[],
    now = Date.now(),
  ): Promise<LiveSession[]> {
    const live = await this.live(sdkAppId, userIds, now);
    return userIds.flatMap((userId, i) => live[i].map((s) => ({ ...s, userId })));
  }
}

/** A recorded departure, or undefined for an entry that is not one. */
export function parseDepartedSession(value: string): DepartedSession | undefined {
  try {
    const d = JSON.parse(value) as Partial<DepartedSession> | null;
    if (typeof d !== 'object' || d === null) return undefined;
    const wellFormed =
      typeof d.platform === 'string' &&
      typeof d.since === 'number' &&
      typeof d.expiresAt === 'number';
    return wellFormed ? (d as DepartedSession) : undefined;
  } catch {
    return undefined;
  }
}

/** A recorded session, or undefined for an entry that is not one. */
export function parsePresenceSession(value: string): PresenceSession | undefined {
  try {
    const s = JSON.parse(value) as Partial<PresenceSession> | null;
    if (typeof s !== 'object' || s === null) return undefined;
    const wellFormed =
      typeof s.connId === 'string' &&
      typeof s.nodeId === 'string' &&
      typeof s.expiresAt === 'number';
    return wellFormed ? (s as PresenceSession) : undefined;
  } catch {
    return undefined;
  }
}

/** The sessions still live at `now` (an expiry at `now` is past). */
export function liveSessions(sessions: readonly PresenceSession[], now: number): PresenceSession[] {
  return sessions.filter((s) => s.expiresAt > now);
}
