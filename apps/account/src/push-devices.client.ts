import { Inject, Injectable } from '@nestjs/common';

import { PushRpc } from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

/**
 * The push service's device tokens, as platforms per user (the push service owns them): what
 * tells a departed session reachable by offline push (PushOnline) from Offline.
 */
@Injectable()
export class PushDevicesClient {
  constructor(
    private readonly bus: NatsBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /**
   * The platforms of each user's device tokens (null: registered without a platform). When the
   * push service does not answer, no user has one: the answer degrades to Offline, never fails.
   */
  async platformsOf(sdkAppId: number, userIds: string[]): Promise<Map<string, (string | null)[]>> {
    const byUser = new Map<string, (string | null)[]>();
    if (userIds.length === 0) return byUser;
    try {
      const reply = await this.bus.request(
        PushRpc.FindDevices,
        { userIds },
        this.bus.asService(sdkAppId),
      );
      for (const d of reply.devices)
        byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d.platform]);
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message },
        'push devices unknown; PushOnline not answered',
      );
    }
    return byUser;
  }
}
