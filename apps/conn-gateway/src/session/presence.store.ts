import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PresenceCacheKeys, PresenceSession } from '@im/contracts';
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
