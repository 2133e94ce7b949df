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

import { OfflineNotifier } from './offline-notifier';
import { PushRepository } from './push.repository';
import { PushSettingsReader } from './push-settings.reader';
import { PushTaskRunner } from './push-task.runner';
import { buildNotification, isPushSuppressed } from './providers/notification.builder';

/** Durable consumers (shared by the instances of the service). */
export const PushConsumers = {
  accounts: 'push-accounts',
  sessionOpened: 'push-session-opened',
  offline: 'push-offline',
} as const;

/** How long a message's offline notification is worth delivering (APNs/FCM expiration). */
const MESSAGE_NOTIFICATION_TTL_SECONDS = 86_400;

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
    private readonly repository: PushRepository,
    private readonly runner: PushTaskRunner,
    private readonly notifier: OfflineNotifier,
    private readonly settings: PushSettingsReader,
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
    await this.repository.upsertUsers(
      event.sdkAppId,
      event.accounts.map((a) => a.userId),
    );
  }

  async onAccountsDeleted(event: AccountsDeletedEvent): Promise<void> {
    await this.repository.transaction((tx) =>
      this.repository.deleteUsers(event.sdkAppId, event.userIds, tx),
    );
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
    if (isPushSuppressed(event.offlinePush) || event.userIds.length === 0) return;
    const settings = await this.settings.of(event.sdkAppId);
    // Most receivers have no device the app can reach: nothing to send, nothing to remember.
    const targets = await this.notifier.targets(event.sdkAppId, settings, event.userIds);
    if (targets.length === 0) return;
    if (!(await this.repository.markConsumed(event.sdkAppId, PushConsumers.offline, event.eventId)))
      return;
    const m = event.message;
    const notification = buildNotification({
      body: m.body,
      offlinePush: event.offlinePush,
      defaultTitle:
        m.type === 'GROUP'
          ? (m.senderNameCard ?? m.senderNick ?? m.from)
          : (m.senderNick ?? m.from),
      lifeTimeSeconds: MESSAGE_NOTIFICATION_TTL_SECONDS,
      data: { convId: m.convId, from: m.from, seq: String(m.seq), msgKey: m.msgKey },
      collapseId: `${m.convId}:${m.seq}`.slice(0, 64),
    });
    const result = await this.notifier.send(event.sdkAppId, targets, notification);
    this.logger.info(
      { users: event.userIds.length, sent: result.sent, failed: result.failed },
      'offline push of a message',
    );
  }
}
