import { Injectable } from '@nestjs/common';

import { ProfileRpc } from '@im/contracts';
import type { ProfileItem } from '@im/contracts';
import { NatsBus } from '@im/platform';

/** The profile service, as the after-callbacks need it (read as this service, not a user). */
@Injectable()
export class ProfileClient {
  constructor(private readonly bus: NatsBus) {}

  /** A user's current values of the given profile fields; none when the profile has none. */
  async itemsOf(sdkAppId: number, userId: string, tags: string[]): Promise<ProfileItem[]> {
    const reply = await this.bus.request(
      ProfileRpc.Get,
      { userIds: [userId], tags },
      this.bus.asService(sdkAppId),
    );
    const profile = reply.profiles.find((p) => p.userId === userId);
    return profile && profile.code === 0 ? profile.items : [];
  }
}
