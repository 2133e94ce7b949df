import { Injectable } from '@nestjs/common';

import { ProfileLimits, ProfileRpc, ProfileTags } from '@im/contracts';
import { NatsBus } from '@im/platform';

/** Nick and avatar of users, as the profile service holds them ('' when unset). */
export interface NickAndAvatar {
  nickName: string;
  avatar: string;
}

/** What groups need of profiles: the nick and avatar get_members answers with each member. */
@Injectable()
export class ProfileClient {
  constructor(private readonly bus: NatsBus) {}

  async nickAndAvatar(
    sdkAppId: number,
    userIds: readonly string[],
  ): Promise<Map<string, NickAndAvatar>> {
    const out = new Map<string, NickAndAvatar>();
    for (let i = 0; i < userIds.length; i += ProfileLimits.getMaxUsers) {
      const reply = await this.bus.request(
        ProfileRpc.Get,
        {
          userIds: userIds.slice(i, i + ProfileLimits.getMaxUsers),
          tags: [ProfileTags.Nick, ProfileTags.Image],
        },
        this.bus.asService(sdkAppId),
      );
      for (const p of reply.profiles) {
        const value = (tag: string) => {
          const v = p.items.find((item) => item.tag === tag)?.value;
          return typeof v === 'string' ? v : '';
        };
        out.set(p.userId, { nickName: value(ProfileTags.Nick), avatar: value(ProfileTags.Image) });
      }
    }
    return out;
  }
}
