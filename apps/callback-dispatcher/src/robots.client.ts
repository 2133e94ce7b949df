import { Injectable } from '@nestjs/common';

import { AccountRpc } from '@im/contracts';
import { NatsBus } from '@im/platform';

/** The account service, as `Bot.OnC2CMessage` needs it (asked as this service). */
@Injectable()
export class RobotsClient {
  constructor(private readonly bus: NatsBus) {}

  /** Whether the user is a robot account of the app right now. */
  async isRobot(sdkAppId: number, userId: string): Promise<boolean> {
    const reply = await this.bus.request(
      AccountRpc.ListRobots,
      { userIds: [userId] },
      this.bus.asService(sdkAppId),
    );
    return reply.userIds.includes(userId);
  }
}
