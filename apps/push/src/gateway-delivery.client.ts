import { Injectable } from '@nestjs/common';

import { ConnSubjects, PushCommands } from '@im/contracts';
import type { DeliveryBatch, DeliveryItem, PushedMessage } from '@im/contracts';
import { NatsBus } from '@im/platform';
import type { LiveSession } from '@im/platform';

/** Items per `DeliveryBatch` message. */
const MAX_ITEMS = 500;

/**
 * Online delivery through the connection gateways (ADR 0004): one `DeliveryBatch` per gateway
 * node on `conn.deliver.<nodeId>` (core NATS), each item naming the user's sessions there.
 */
@Injectable()
export class GatewayDelivery {
  constructor(private readonly bus: NatsBus) {}

  /** Sends each message to the given sessions; returns the users reached. */
  deliver(
    sdkAppId: number,
    sessions: readonly LiveSession[],
    messageFor: (userId: string) => PushedMessage[],
  ): Set<string> {
    const byNode = new Map<string, Map<string, string[]>>();
    for (const s of sessions) {
      const users = byNode.get(s.nodeId) ?? new Map<string, string[]>();
      byNode.set(s.nodeId, users);
      users.set(s.userId, [...(users.get(s.userId) ?? []), s.connId]);
    }
    const reached = new Set<string>();
    for (const [nodeId, users] of byNode) {
      const items: DeliveryItem[] = [];
      for (const [userId, connIds] of users) {
        for (const data of messageFor(userId))
          items.push({ sdkAppId, userId, connIds, cmd: PushCommands.Push, data });
        reached.add(userId);
      }
      for (let i = 0; i < items.length; i += MAX_ITEMS) {
        const batch: DeliveryBatch = { items: items.slice(i, i + MAX_ITEMS) };
        this.bus.publishDirect(ConnSubjects.deliver(nodeId), batch);
      }
    }
    return reached;
  }
}
