import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PLATFORM_LOGGER, REDIS } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import {
  CACHE_MARKER,
  RelationCacheKeys,
  RelationCacheKind,
  RelationCacheTtl,
} from './relation.cache-keys';

/** Stores the loaded members only when no invalidation happened since the load started. */
const STORE_IF_SAME_GENERATION = `
local current = redis.call('GET', KEYS[2]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
for i = 3, #ARGV, 1000 do
  redis.call('SADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * Who is in a user's friend table and blacklist, cached in Redis sets for the questions other
 * services ask on every message ("is B in A's blacklist", "are A and B friends"). Every change
 * invalidates the sets of the users it touched after its commit; a Redis outage falls back to
 * the database.
 */
@Injectable()
export class RelationCache {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Whether `member` is in the user's set, loading the set with `load` on a miss. */
  async has(
    kind: RelationCacheKind,
    sdkAppId: number,
    userId: string,
    member: string,
    load: () => Promise<string[]>,
  ): Promise<boolean> {
    const key = this.key(kind, sdkAppId, userId);
    const genKey = RelationCacheKeys.generation(sdkAppId, kind, userId);
    let generation: string;
    try {
      const results = await this.redis
        .pipeline()
        .exists(key)
        .sismember(key, member)
        .get(genKey)
        .exec();
      const [exists, isMember, gen] = (results ?? []).map(([err, value]) => {
        if (err) throw err;
        return value;
      });
      if (exists === 1) return isMember === 1;
      generation = typeof gen === 'string' ? gen : '';
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, kind }, 'relation cache unavailable');
      return (await load()).includes(member);
    }
    const members = await load();
    await this.redis
      .eval(
        STORE_IF_SAME_GENERATION,
        2,
        key,
        genKey,
        generation,
        RelationCacheTtl.set,
        CACHE_MARKER,
        ...members,
      )
      .catch((err: Error) =>
        this.logger.warn({ err: err.message, kind }, 'relation cache not stored'),
      );
    return members.includes(member);
  }

  /** Drops the users' cached sets (after a commit that changed them). Never throws. */
  async invalidate(kind: RelationCacheKind, sdkAppId: number, userIds: Iterable<string>) {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return;
    const multi = this.redis.multi();
    for (const userId of ids) {
      const genKey = RelationCacheKeys.generation(sdkAppId, kind, userId);
      multi.incr(genKey).expire(genKey, RelationCacheTtl.generation);
      multi.del(this.key(kind, sdkAppId, userId));
    }
    await multi
      .exec()
      .catch((err: Error) =>
        this.logger.warn(
          { err: err.message, kind, users: ids.length },
          'cache invalidation failed',
        ),
      );
  }

  private key(kind: RelationCacheKind, sdkAppId: number, userId: string): string {
    return kind === 'friends'
      ? RelationCacheKeys.friends(sdkAppId, userId)
      : RelationCacheKeys.blacklist(sdkAppId, userId);
  }
}
