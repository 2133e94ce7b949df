import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PresenceCacheKeys } from '@im/contracts';
import type { PresenceSession } from '@im/contracts';
import { REDIS } from '@im/platform';

/** One live session of a user. */
export interface LiveSession {
  userId: string;
  connId: string;
  nodeId: string;
}

/**
 * Reads the presence hashes the connection gateway keeps (`conn:{app}:sessions:{user}`), one
 * pipelined round trip per page of users; a session past its `expiresAt` is gone.
 */
@Injectable()
export class PresenceReader {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async sessionsOf(sdkAppId: number, userIds: string[], now = Date.now()): Promise<LiveSession[]> {
    if (userIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) pipeline.hgetall(PresenceCacheKeys.sessions(sdkAppId, userId));
    const results = (await pipeline.exec()) ?? [];
    const out: LiveSession[] = [];
    results.forEach(([err, hash], i) => {
      if (err || !hash) return;
      for (const value of Object.values(hash as Record<string, string>)) {
        const session = parseSession(value);
        if (session && session.expiresAt > now)
          out.push({ userId: userIds[i], connId: session.connId, nodeId: session.nodeId });
      }
    });
    return out;
  }
}

function parseSession(value: string): PresenceSession | undefined {
  try {
    const s = JSON.parse(value) as PresenceSession;
    return typeof s.connId === 'string' && typeof s.nodeId === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}
