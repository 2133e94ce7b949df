import { Injectable } from '@nestjs/common';

import { GroupRpc } from '@im/contracts';
import { NatsBus } from '@im/platform';

/** The group service's count of an app's groups (the group service owns groups). */
@Injectable()
export class GroupCountClient {
  constructor(private readonly bus: NatsBus) {}

  async countGroups(sdkAppId: number): Promise<number> {
    const reply = await this.bus.request(
      GroupRpc.ListAppGroups,
      { limit: 1 },
      this.bus.asService(sdkAppId),
    );
    return reply.totalCount;
  }
}
