import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';

import { ProfileEvt, ProfileRpc, ProfileTags } from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { listenToFacts } from './fact-listener';
import { asService } from './service-context';
import { TtlCache } from './ttl-cache';

const TTL_MS = 30_000;

/** What a message shows of its sender (MSG-10, AMB-38). */
export interface SenderInfo {
  nick?: string;
  faceUrl?: string;
  /** The profile service did not answer (kept only briefly). */
  unavailable?: boolean;
}

/**
 * From the profile service: MsgSettings (bit 0 = no C2C from other users, MSG-15, AMB-24) and
 * the sender's nick and avatar (MSG-10). Cached; dropped on `profile.evt.changed`.
 */
@Injectable()
export class ProfileDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly msgSettings = new TtlCache<string, number>(TTL_MS);
  private readonly senders = new TtlCache<string, SenderInfo>(TTL_MS);
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly bus: NatsBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.subscriptions = listenToFacts(
      this.bus.connection,
      [ProfileEvt.Changed],
      this.logger,
      (_subject, event) => this.forget(Number(event.sdkAppId), String(event.userId)),
    );
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
    const settings = await this.msgSettings.load(`${sdkAppId}|${userId}`, async () => {
      const reply = await this.bus.request(
        ProfileRpc.GetSettings,
        { userIds: [userId] },
        asService(sdkAppId),
      );
      return reply.settings.find((s) => s.userId === userId)?.msgSettings ?? 0;
    });
    return (settings & 1) === 1;
  }

  /** The sender's nick and avatar; empty (for a moment) when the profile service does not answer. */
  senderInfo(sdkAppId: number, userId: string): Promise<SenderInfo> {
    return this.senders.load(
      `${sdkAppId}|${userId}`,
      async () => {
        try {
          const reply = await this.bus.request(
            ProfileRpc.Get,
            { userIds: [userId], tags: [ProfileTags.Nick, ProfileTags.Image] },
            { ...asService(sdkAppId), timeoutMs: 1000 },
          );
          const items = reply.profiles.find((p) => p.userId === userId)?.items ?? [];
          const value = (tag: string) => {
            const v = items.find((i) => i.tag === tag)?.value;
            return typeof v === 'string' && v !== '' ? v : undefined;
          };
          return { nick: value(ProfileTags.Nick), faceUrl: value(ProfileTags.Image) };
        } catch (err) {
          this.logger.warn({ err: (err as Error).message, userId }, 'sender profile unavailable');
          return { unavailable: true };
        }
      },
      (info) => (info.unavailable ? 2000 : TTL_MS),
    );
  }
}
