import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PresenceCacheKeys, PresenceSession, PUSH_ONLINE_TTL_MS } from '@im/contracts';
import type { DepartedSession, Platform } from '@im/contracts';
import { PLATFORM_LOGGER, REDIS } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { Session } from './session.model';

/**
 * Writes the sessions of this node into the presence hashes of Redis
 * (`conn:{sdkAppId}:sessions:{userId}`, field = connId), where the account service (online
 * status), the message service (delivery) and other gateways (multi-login) read them. Each entry
 * carries `expiresAt`; the node pushes it forward every heartbeat interval, so the sessions of
 * a node that died expire by themselves.
 */
@Injectable()
export class PresenceWriter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  entry(session: Session, nodeId: string, ttlMs: number, now = Date.now()): PresenceSession {
    return {
      connId: session.connId,
      nodeId,
      platform: session.platform ?? 'Web',
      status: 'Online',
      since: session.since,
      expiresAt: now + ttlMs,
    };
  }

  async register(session: Session, nodeId: string, ttlMs: number): Promise<void> {
    await this.write([session], nodeId, ttlMs);
  }

  /** Rewrites the entries of many sessions (one pipeline) with a new expiry. */
  async write(sessions: Session[], nodeId: string, ttlMs: number): Promise<void> {
    if (sessions.length === 0) return;
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const s of sessions) {
      if (s.sdkAppId === undefined || s.userId === undefined) continue;
      const key = PresenceCacheKeys.sessions(s.sdkAppId, s.userId);
      pipeline.hset(key, s.connId, JSON.stringify(this.entry(s, nodeId, ttlMs, now)));
      pipeline.pexpire(key, ttlMs * 2);
    }
    await pipeline.exec();
  }

  async unregister(sessions: Session[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    let any = false;
    for (const s of sessions) {
      if (s.sdkAppId === undefined || s.userId === undefined) continue;
      pipeline.hdel(PresenceCacheKeys.sessions(s.sdkAppId, s.userId), s.connId);
      any = true;
    }
    if (any)
      await pipeline
        .exec()
        .catch((err: Error) => this.logger.warn({ err: err.message }, 'presence cleanup failed'));
  }

  /**
   * A session ended without a logout or a kick: its platform is recorded as departed for
   * `PUSH_ONLINE_TTL_MS` (the account service answers PushOnline for it while the user has an
   * offline-push device token). Only platforms that receive offline pushes are recorded.
   */
  async depart(session: Session, now = Date.now()): Promise<void> {
    if (session.sdkAppId === undefined || session.userId === undefined) return;
    const platform = session.platform ?? 'Web';
    const entry: DepartedSession = { platform, since: now, expiresAt: now + PUSH_ONLINE_TTL_MS };
    const key = PresenceCacheKeys.departed(session.sdkAppId, session.userId);
    await this.redis
      .pipeline()
      .hset(key, platform, JSON.stringify(entry))
      .pexpire(key, PUSH_ONLINE_TTL_MS)
      .exec()
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'departure not recorded'));
  }

  /** The platform is online again, or left for good (logout, kick): no longer departed. */
  async forgetDeparture(sdkAppId: number, userId: string, platform: Platform): Promise<void> {
    await this.redis
      .hdel(PresenceCacheKeys.departed(sdkAppId, userId), platform)
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'departure not cleared'));
  }

  /** The App admin kicked the user: no platform of it stays reachable (PushOnline ends). */
  async forgetAllDepartures(sdkAppId: number, userId: string): Promise<void> {
    await this.redis
      .del(PresenceCacheKeys.departed(sdkAppId, userId))
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'departures not cleared'));
  }

  /** The live sessions of a user on every node. */
  async sessionsOf(sdkAppId: number, userId: string, now = Date.now()): Promise<PresenceSession[]> {
    const hash = await this.redis.hgetall(PresenceCacheKeys.sessions(sdkAppId, userId));
    const live: PresenceSession[] = [];
    for (const value of Object.values(hash)) {
      try {
        const s = JSON.parse(value) as PresenceSession;
        if (s.expiresAt > now) live.push(s);
      } catch {
        // not a session
      }
    }
    return live;
  }
}
