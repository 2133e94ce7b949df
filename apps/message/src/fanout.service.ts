import { Inject, Injectable } from '@nestjs/common';

import { mediaUuidsOf, MessageEvt, PushCommands } from '@im/contracts';
import type { ChatMessage, DeliveryMember, PushCommand, PushDataOf } from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { DeliveryService } from './delivery.service';
import type { PushTarget, ReadSessions } from './delivery.service';

/** Offline-push events carry at most this many users. */
const OFFLINE_CHUNK = 1000;

/** Who gets a stored C2C message pushed. */
export interface C2cAudience {
  /** The receiver (false when it must not see the message). */
  toReceiver: boolean;
  /** The sender's other devices (SyncOtherMachine 1). */
  toSender: boolean;
  /** The sender's own connection, left out. */
  senderConnId?: string;
  /** An offline receiver gets an offline push. */
  offlinePush: boolean;
}

/** Who gets a group message pushed (table-stored groups). */
export interface GroupAudience {
  members: DeliveryMember[];
  /** The sending member (its own connection left out). */
  senderId?: string;
  senderConnId?: string;
  offlinePush: boolean;
}

/**
 * What happens after a message is stored: the pushes to online sessions, the offline-push
 * request for those not online, and `message.evt.sent`, straight after the commit (not
 * through the outbox, see NatsBus.publishUnacked): never throws, failures are logged.
 */
@Injectable()
export class FanoutService {
  constructor(
    private readonly delivery: DeliveryService,
    private readonly bus: NatsBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /**
   * The users a C2C message from `from` to `to` is pushed to whose sessions are not cached:
   * read them with the sender's answer (DedupeGuard.settle) and pass them to `c2c`.
   */
  c2cPresenceToRead(
    sdkAppId: number,
    from: string,
    to: string,
    audience: C2cAudience,
  ): { users: [number, string][]; mark: number } {
    const users: [number, string][] = [];
    if (audience.toReceiver) users.push([sdkAppId, to]);
    if (audience.toSender && from !== to) users.push([sdkAppId, from]);
    return this.delivery.uncached(users);
  }

  /** `recorded`: the recipients' sessions read from Redis just now. */
  c2c(
    sdkAppId: number,
    message: ChatMessage,
    audience: C2cAudience,
    offlinePush?: object,
    recorded?: ReadSessions,
  ): void {
    const targets: PushTarget[] = [];
    const self = message.from === message.to;
    if (audience.toReceiver)
      targets.push({
        sdkAppId,
        userId: message.to,
        cmd: PushCommands.Message,
        data: message,
        ...(self && { exceptConnId: audience.senderConnId }),
      });
    if (audience.toSender && !self)
      targets.push({
        sdkAppId,
        userId: message.from,
        exceptConnId: audience.senderConnId,
        cmd: PushCommands.Message,
        data: message,
      });
    this.run('c2c delivery', async () => {
      const online = await this.delivery.push(targets, recorded);
      if (
        audience.offlinePush &&
        audience.toReceiver &&
        !self &&
        !online.has(`${sdkAppId}|${message.to}`)
      )
        this.offline(sdkAppId, [message.to], message, offlinePush);
    });
  }

  group(
    sdkAppId: number,
    message: ChatMessage,
    audience: GroupAudience,
    offlinePush?: object,
  ): void {
    const receivers = audience.members.filter((m) => m.msgFlag !== 'Discard');
    const targets: PushTarget[] = receivers.map((m) => ({
      sdkAppId,
      userId: m.userId,
      cmd: PushCommands.Message,
      data: message,
      ...(m.userId === audience.senderId && { exceptConnId: audience.senderConnId }),
    }));
    this.run('group delivery', async () => {
      const online = await this.delivery.push(targets);
      if (!audience.offlinePush) return;
      const offline = receivers
        .filter(
          (m) =>
            m.msgFlag === 'AcceptAndNotify' &&
            m.userId !== audience.senderId &&
            !online.has(`${sdkAppId}|${m.userId}`),
        )
        .map((m) => m.userId);
      if (offline.length) this.offline(sdkAppId, offline, message, offlinePush);
    });
  }

  room<C extends PushCommand>(
    sdkAppId: number,
    groupId: string,
    cmd: C,
    data: PushDataOf<C>,
  ): void {
    this.delivery.publishRoom(sdkAppId, groupId, cmd, data);
  }

  /**
   * `message.evt.sent`, after the commit; `recipients` of a group message when known. A message
   * naming media uploads is published with JetStream's acknowledgement (retried): the media
   * service keeps an upload past 24 h only when this event reached it (its retention).
   */
  sent(
    sdkAppId: number,
    message: ChatMessage,
    skipAfterCallback: boolean,
    recipients?: number,
  ): void {
    const fact = {
      sdkAppId,
      message,
      ...(skipAfterCallback && { skipAfterCallback: true }),
      ...(recipients !== undefined && { recipients }),
    };
    if (mediaUuidsOf(message.body).length) void this.bus.emit(MessageEvt.Sent, fact);
    else this.bus.publishUnacked(MessageEvt.Sent, fact);
  }

  private offline(sdkAppId: number, userIds: string[], message: ChatMessage, offlinePush?: object) {
    for (let i = 0; i < userIds.length; i += OFFLINE_CHUNK)
      this.bus.publishUnacked(MessageEvt.OfflinePushRequested, {
        sdkAppId,
        userIds: userIds.slice(i, i + OFFLINE_CHUNK),
        message,
        ...(offlinePush && { offlinePush: offlinePush as Record<string, unknown> }),
      });
  }

  private run(what: string, work: () => Promise<void>): void {
    work().catch((err: unknown) =>
      this.logger.warn({ err: (err as Error).message }, `${what} failed`),
    );
  }
}
