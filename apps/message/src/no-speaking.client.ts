import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';

import { AccountEvt, AccountLimits, AccountRpc, ErrorCode } from '@im/contracts';
import type { ConversationType } from '@im/contracts';
import { BatchLoader, NatsBus, PLATFORM_LOGGER, TtlCache } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { MessageError } from './message.errors';

/** A fallback only: `account.evt.no-speaking-changed` replaces an entry the moment it changes. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 200_000;
/** How long "not muted" stands in when the account service did not answer. */
const UNAVAILABLE_TTL_MS = 2_000;

/** End times of a user's global mute, epoch s (0 = not muted). */
interface MuteTimes {
  c2cUntil: number;
  groupUntil: number;
}

const NOT_MUTED: MuteTimes = { c2cUntil: 0, groupUntil: 0 };

/**
 * The global mute of senders (`openconfigsvr/setnospeaking`, kept by the account service) as
 * the send path sees it: in memory, one `account.rpc.get-no-speaking` per batch of senders not
 * seen for a minute, replaced by `account.evt.no-speaking-changed` (which setnospeaking
 * publishes before it answers) and dropped by `account.evt.deleted`. A send costs a map
 * lookup; a lookup that overlapped a change is not cached. Accounts the account service does
 * not know (an App admin identifier that was never imported) are not muted here: whether a
 * sender exists is decided elsewhere. When the account service does not answer, senders are
 * let through (for 2 s, logged) rather than every group send failing with it.
 */
@Injectable()
export class NoSpeakingClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly mutes = new TtlCache<string, MuteTimes>(TTL_MS, MAX_ENTRIES);
  private readonly loader = new BatchLoader<MuteTimes>(async (sdkAppId, userIds) => {
    const reply = await this.bus.request(
      AccountRpc.GetNoSpeaking,
      { userIds },
      this.bus.asService(sdkAppId),
    );
    return new Map(
      reply.items
        .filter((i) => i.exists)
        .map((i) => [i.userId, { c2cUntil: i.c2cMuteUntil, groupUntil: i.groupMuteUntil }]),
    );
  }, AccountLimits.batchMax);
  /** Bumped by every change heard: a lookup that overlapped one is not cached. */
  private generation = 0;
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly bus: NatsBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.subscriptions = [
      this.bus.subscribe(AccountEvt.NoSpeakingChanged, (e) => {
        this.generation++;
        this.mutes.set(keyOf(e.sdkAppId, e.userId), {
          c2cUntil: e.c2cMuteUntil,
          groupUntil: e.groupMuteUntil,
        });
      }),
      this.bus.subscribe(AccountEvt.Deleted, (e) => {
        this.generation++;
        for (const userId of e.userIds) this.mutes.delete(keyOf(e.sdkAppId, userId));
      }),
    ];
  }

  onApplicationShutdown(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
  }

  /**
   * Refuses a sender under a global mute of this kind of conversation: 20012 for C2C, 10017
   * for groups (docs/error-codes.md), before any callback is asked (as Tencent documents).
   */
  async assertMaySend(
    sdkAppId: number,
    userId: string,
    kind: ConversationType,
    now = Math.floor(Date.now() / 1000),
  ): Promise<void> {
    const times = await this.muteOf(sdkAppId, userId);
    const until = kind === 'C2C' ? times.c2cUntil : times.groupUntil;
    if (until <= now) return;
    throw new MessageError(
      kind === 'C2C' ? ErrorCode.C2cSenderMuted : ErrorCode.GroupSenderMuted,
      `${userId} is muted by the App admin (global mute)`,
    );
  }

  private async muteOf(sdkAppId: number, userId: string): Promise<MuteTimes> {
    const key = keyOf(sdkAppId, userId);
    const hit = this.mutes.get(key);
    if (hit) return hit;
    const generation = this.generation;
    let loaded: MuteTimes;
    let ttl = TTL_MS;
    try {
      loaded = (await this.loader.load(sdkAppId, userId)) ?? NOT_MUTED;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, userId }, 'global mute unknown; not applied');
      loaded = NOT_MUTED;
      ttl = UNAVAILABLE_TTL_MS;
    }
    if (generation === this.generation) this.mutes.set(key, loaded, ttl);
    return loaded;
  }
}

function keyOf(sdkAppId: number, userId: string): string {
  return `${sdkAppId}|${userId}`;
}
