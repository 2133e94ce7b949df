import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { AccountEvt, ConnEvt, EventStreams, MessageEvt } from '@im/contracts';
import type {
  AccountsDeletedEvent,
  AccountsImportedEvent,
  OfflinePushRequestedEvent,
  SessionOpenedEvent,
} from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { OFFLINE_PUSH_CONSUMER, OfflineNotifier } from './offline-notifier.service';
import { PushAccountsService } from './push-accounts.service';
import { PushTaskRunner } from './push-task-runner.task';

/** Durable consumers (shared by the instances of the service). */
export const PushConsumers = {
  accounts: 'push-accounts',
  sessionOpened: 'push-session-opened',
  offline: OFFLINE_PUSH_CONSUMER,
} as const;

/**
 * Facts of other services the push service acts on, through durable JetStream consumers (at
 * least once):
 * - `account.evt.imported` / `account.evt.deleted` (ACCOUNT_EVENTS): the mirror of the apps'
 *   accounts that "every user" pushes read; a deleted user's tags, attributes, devices and
 *   stored pushes go too;
 * - `conn.evt.session-opened` (CONN_EVENTS): a user came online; the pushes stored for them
 *   (MsgLifeTime not yet passed) are delivered to that session, once;
 * - `message.evt.offline-push-requested` (MESSAGE_EVENTS): notifications to the devices of
 *   offline recipients (handled once per eventId).
 */
@Injectable()
export class PushEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumers: { stop(): Promise<void> }[] = [];

  constructor(
    private readonly bus: NatsBus,
    private readonly accounts: PushAccountsService,
    private readonly runner: PushTaskRunner,
    private readonly notifier: OfflineNotifier,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumers.push(
      await this.bus.consume({
        stream: EventStreams.account.name,
        durable: PushConsumers.accounts,
        subjects: [AccountEvt.Imported, AccountEvt.Deleted],
        handler: (subject, event) =>
          subject === AccountEvt.Imported
            ? this.onAccountsImported(event as AccountsImportedEvent)
            : this.onAccountsDeleted(event as AccountsDeletedEvent),
      }),
      await this.bus.consume({
        stream: EventStreams.conn.name,
        durable: PushConsumers.sessionOpened,
        subjects: [ConnEvt.SessionOpened],
        handler: (_subject, event) => this.onSessionOpened(event),
      }),
      await this.bus.consume({
        stream: EventStreams.message.name,
        durable: PushConsumers.offline,
        subjects: [MessageEvt.OfflinePushRequested],
        handler: (_subject, event) => this.onOfflinePushRequested(event),
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }

  async onAccountsImported(event: AccountsImportedEvent): Promise<void> {
    await this.accounts.addAccounts(
      event.sdkAppId,
      event.accounts.map((a) => a.userId),
    );
  }

  async onAccountsDeleted(event: AccountsDeletedEvent): Promise<void> {
    await this.accounts.removeAccounts(event.sdkAppId, event.userIds);
  }

  /**
   * Delivers what was stored for the user. The session of the event gets it when it is still
   * there, else another live session of the user; with none, it stays stored for the next one.
   */
  async onSessionOpened(event: SessionOpenedEvent): Promise<void> {
    const delivered = await this.runner.deliverStored(event.sdkAppId, [event.userId], event.connId);
    if (delivered > 0)
      this.logger.info({ userId: event.userId, delivered }, 'stored pushes delivered');
  }

  async onOfflinePushRequested(event: OfflinePushRequestedEvent): Promise<void> {
    await this.notifier.notifyOfMessage(event);
  }
}
