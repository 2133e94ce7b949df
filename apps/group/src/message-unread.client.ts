import { Injectable } from '@nestjs/common';

import { MessageRpc } from '@im/contracts';
import type { GroupUnreadAnchorReply, LineStatesReply } from '@im/contracts';
import { NatsBus } from '@im/platform';

/**
 * What groups need of messaging's group lines: where read positions with given unread counts
 * lie as of the last stored message (import_group_member). Messaging's seqs are the
 * authoritative ones; this service's NextMsgSeq hears of them within a second (GRP-17).
 */
@Injectable()
export class MessageUnreadClient {
  constructor(private readonly bus: NatsBus) {}

  /** Read seqs leaving each of `unreads` unread, and the last seq they were taken against. */
  anchor(sdkAppId: number, groupId: string, unreads: number[]): Promise<GroupUnreadAnchorReply> {
    return this.bus.request(
      MessageRpc.GroupUnreadAnchor,
      { groupId, unreads },
      this.bus.asService(sdkAppId),
    );
  }

  /** A member's read seq, unread count and last message in these lines (topic IDs). */
  lineStates(sdkAppId: number, userId: string, groupIds: string[]): Promise<LineStatesReply> {
    return this.bus.request(
      MessageRpc.LineStates,
      { userId, groupIds },
      this.bus.asService(sdkAppId),
    );
  }
}
