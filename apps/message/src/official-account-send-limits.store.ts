import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import type { MsgElement } from '@im/contracts';
import { REDIS } from '@im/platform';

import { MessageCacheKeys } from './message.cache-keys';
import { officialContentHash, OfficialAccountSendLimits } from './official-account-send.rules';
import type { OfficialSendLimits, OfficialSendVerdict } from './official-account-send.rules';

/**
 * `officialSendVerdict` (official-account-send.rules.ts) in one atomic step: KEYS[1] the
 * account's sends (score = ms), KEYS[2] the content mark; ARGV now, perSecond, perHour,
 * secondMs, hourMs, duplicateWindowMs, a unique member. A send is recorded only when allowed.
 */
const CHECK_AND_RECORD = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 'duplicate' end
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[5]))
if redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(ARGV[4])), '+inf') >= tonumber(ARGV[2]) then
  return 'second'
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 'hour' end
redis.call('ZADD', KEYS[1], now, ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('SET', KEYS[2], '1', 'PX', ARGV[6])
return 'send'
`;

type LimiterRedis = Redis & {
  officialSendCheck(...keysThenArgs: (string | number)[]): Promise<OfficialSendVerdict>;
};

/**
 * Tencent's send limits of an official account (page 1047/60810), per (app, account) in Redis:
 * 1 message a second, 2 broadcasts an hour (a sliding hour), identical content within 5 minutes
 * dropped. Every message service instance shares the counters.
 */
@Injectable()
export class OfficialAccountSendLimiter {
  private readonly redis: LimiterRedis;
  private readonly limits: OfficialSendLimits = OfficialAccountSendLimits;

  constructor(@Inject(REDIS) redis: Redis) {
    redis.defineCommand('officialSendCheck', { numberOfKeys: 2, lua: CHECK_AND_RECORD });
    this.redis = redis as LimiterRedis;
  }

  /** Checks a send of `body` now and records it when it may go. */
  check(
    sdkAppId: number,
    officialAccountId: string,
    body: readonly MsgElement[],
    now = Date.now(),
  ): Promise<OfficialSendVerdict> {
    const l = this.limits;
    return this.redis.officialSendCheck(
      MessageCacheKeys.officialSends(sdkAppId, officialAccountId),
      MessageCacheKeys.officialContent(sdkAppId, officialAccountId, officialContentHash(body)),
      now,
      l.perSecond,
      l.perHour,
      l.secondMs,
      l.hourMs,
      l.duplicateWindowMs,
      `${now}:${randomUUID()}`,
    );
  }
}
