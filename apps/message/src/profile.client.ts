import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';

import { ProfileEvt, ProfileRpc, ProfileTags } from '@im/contracts';
import { BatchLoader, NatsBus, PLATFORM_LOGGER, TtlCache } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

/** A fallback only: `profile.evt.changed` drops an entry as soon as the profile changes. */
const TTL_MS = 120_000;
const UNAVAILABLE_TTL_MS = 2_000;
/** `profile.rpc.get` / `get-settings` take this many accounts at once. */
const BATCH = 100;
const SENDER_TAGS = [ProfileTags.Nick, ProfileTags.Image];

/** What a message shows of its sender (MSG-10, AMB-38). */
export interface SenderInfo {
  nick?: string;
  faceUrl?: string;
  /** The profile service did not answer (kept only briefly). */
  unavailable?: boolean;
}

/**
 * From the profile service: MsgSettings (bit 0 = no C2C from other users, MSG-15, AMB-24) and
 * the sender's nick and avatar (MSG-10). Cached; dropped on `profile.evt.changed`. Misses of
 * the same moment share one request.
 */
@Injectable()
export class ProfileClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly msgSettings = new TtlCache<string, number>(TTL_MS);
  private readonly senders = new TtlCache<string, SenderInfo>(TTL_MS);
  private readonly settingsLoader = new BatchLoader<number>(async (sdkAppId, userIds) => {
    const reply = await this.bus.request(
      ProfileRpc.GetSettings,
      { userIds },
      this.bus.asService(sdkAppId),
    );
    return new Map(reply.settings.map((s) => [s.userId, s.msgSettings]));
  }, BATCH);
  private readonly senderLoader = new BatchLoader<SenderInfo>(async (sdkAppId, userIds) => {
    const reply = await this.bus.request(
      ProfileRpc.Get,
      { userIds, tags: SENDER_TAGS },
      { ...this.bus.asService(sdkAppId), timeoutMs: 1000 },
    );
    return new Map(reply.profiles.map((p) => [p.userId, senderInfoOf(p.items)]));
  }, BATCH);
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly bus: NatsBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.subscriptions = [
      this.bus.subscribe(ProfileEvt.Changed, (e) => this.forget(e.sdkAppId, e.userId)),
    ];
  }

  onApplicationShutdown(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }

  forget(sdkAppId: number, userId: string): void {
    this.msgSettings.delete(`${sdkAppId}|${userId}`);
    this.senders.delete(`${sdkAppId}|${userId}`);
  }

  /** True when the user does not receive C2C messages from other users (MsgSettings bit 0). */
  async refusesC2c(sdkAppId: number, userId: string): Promise<boolean> {
    const settings = await this.msgSettings.load(
      `${sdkAppId}|${userId}`,
      async () => (await this.settingsLoader.load(sdkAppId, userId)) ?? 0,
    );
    return (settings & 1) === 1;
  }

  /** The sender's nick and avatar; empty (for a moment) when the profile service does not answer. */
  senderInfo(sdkAppId: number, userId: string): Promise<SenderInfo> {
    return this.senders.load(
      `${sdkAppId}|${userId}`,
      async () => {
        try {
          return (await this.senderLoader.load(sdkAppId, userId)) ?? {};
        } catch (err) {
          this.logger.warn({ err: (err as Error).message, userId }, 'sender profile unavailable');
          return { unavailable: true };
        }
      },
      (info) => (info.unavailable ? UNAVAILABLE_TTL_MS : TTL_MS),
    );
  }
}

function senderInfoOf(items: readonly { tag: string; value: unknown }[] = []): SenderInfo {
  const value = (tag: string) => {
    const v = items.find((i) => i.tag === tag)?.value;
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  return { nick: value(ProfileTags.Nick), faceUrl: value(ProfileTags.Image) };
}
