import { Inject, Injectable } from '@nestjs/common';
import type { Subscription } from 'nats';
import type { Counter } from 'prom-client';

import {
  AccountEvt,
  CloseCodes,
  ConnSubjects,
  DeliveryBatch,
  deliveryDataOf,
  DeliveryItem,
  PushCommands,
} from '@im/contracts';
import { NatsBus, PLATFORM_CONFIG, PLATFORM_LOGGER, PlatformMetrics } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { ConnGatewayConfig } from '../conn-gateway.config';
import { SessionLifecycle } from '../lifecycle/session-lifecycle.service';
import { SessionRegistry } from '../session/session-registry.store';

/**
 * Pushes what services send to this node (`conn.deliver.<nodeId>`) to the sessions it names
 * (a payload the batch shares between items is serialized once for all of them), and ends
 * sessions on a kick: by another login (`kicked` item, close 4001) or by the App
 * admin (`account.evt.kicked`, close 4002).
 */
@Injectable()
export class DeliveryConsumer {
  private subscriptions: Subscription[] = [];
  private readonly pushes: Counter<'cmd'>;

  constructor(
    private readonly bus: NatsBus,
    private readonly registry: SessionRegistry,
    private readonly lifecycle: SessionLifecycle,
    @Inject(PLATFORM_CONFIG) private readonly config: ConnGatewayConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
    metrics: PlatformMetrics,
  ) {
    this.pushes = metrics.counter(
      'im_conn_pushes_total',
      'Frames pushed to sessions, per push command',
      ['cmd'],
    );
  }

  start(): void {
    this.subscriptions.push(
      this.bus.subscribeDirect(ConnSubjects.deliver(this.config.nodeId), (batch) =>
        this.deliverBatch(batch),
      ),
      this.bus.subscribe(AccountEvt.Kicked, (event) =>
        this.lifecycle.kickUser(event.sdkAppId, event.userId, (session) => {
          session.send({ op: 'push', cmd: PushCommands.Kicked, data: { reason: 'admin' } });
          this.lifecycle.end(session, CloseCodes.KickedByAdmin, 'kicked');
        }),
      ),
    );
  }

  stop(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
  }

  deliverBatch(batch: DeliveryBatch): void {
    /** Frames of shared payloads, by `ref|cmd`, serialized at first use. */
    const shared = new Map<string, string>();
    for (const item of batch.items ?? []) {
      const key = item.ref !== undefined ? `${item.ref}|${item.cmd}` : undefined;
      this.deliver(item, () => {
        let text = key !== undefined ? shared.get(key) : undefined;
        if (text === undefined) {
          text = JSON.stringify({ op: 'push', cmd: item.cmd, data: deliveryDataOf(batch, item) });
          if (key !== undefined) shared.set(key, text);
        }
        return text;
      });
    }
  }

  private deliver(item: DeliveryItem, frameText: () => string): void {
    let sessions = this.registry.sessionsOf(item.sdkAppId, item.userId);
    if (item.connIds) sessions = sessions.filter((s) => item.connIds?.includes(s.connId));
    if (item.exceptConnId) sessions = sessions.filter((s) => s.connId !== item.exceptConnId);
    let text: string | undefined;
    for (const session of sessions) {
      session.sendText((text ??= frameText()));
      this.pushes.inc({ cmd: item.cmd });
      if (item.cmd === PushCommands.Kicked) {
        this.logger.info(
          { userId: item.userId, connId: session.connId },
          'session ended by another login',
        );
        this.lifecycle.end(session, CloseCodes.KickedByLogin, 'kicked');
      }
    }
  }
}
