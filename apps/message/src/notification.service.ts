import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { ConversationIds, ErrorCode, GroupEvt, isPrivileged, PushCommands } from '@im/contracts';
import type {
  CallerContext,
  GroupNotificationRequest,
  NotificationsReply,
  NotificationsRequest,
  SystemNotification,
} from '@im/contracts';
import { PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { ConversationRepository } from './conversation.repository';
import { DeliveryService } from './delivery.service';
import { GroupClient } from './group.client';
import { GroupUnreadService } from './group-unread.service';
import { MessageError } from './message.errors';
import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';
import { NotificationRepository } from './notification.repository';
import { nowSeconds } from './stored-message.model';

/** Envelope fields left out of a notification's data. */
const ENVELOPE = new Set(['eventId', 'sdkAppId', 'occurredAt', 'requestId']);

/** The fact's fields without its envelope. */
export function factData(event: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event).filter(([k]) => !ENVELOPE.has(k)));
}

/** `group.evt.member-joined` → `group.member-joined`. */
export function kindOf(subject: string): string {
  return subject.replace('.evt.', '.');
}

/**
 * Who a group fact is told to besides the current members: the users it names (those who left
 * or were removed are no longer members; the others are, but a fact consumed after its group
 * was destroyed finds no members, and still reaches them).
 */
export function namedGroupRecipients(subject: string, e: Record<string, unknown>): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
  const one = (v: unknown) => (typeof v === 'string' && v !== '' ? [v] : []);
  switch (subject) {
    case GroupEvt.MemberJoined:
    case GroupEvt.MemberLeft:
    case GroupEvt.MemberKicked:
    case GroupEvt.MemberMuted:
    case GroupEvt.MemberBanned:
    case GroupEvt.MemberUnbanned:
      return list(e.userIds);
    case GroupEvt.RoleChanged:
    case GroupEvt.MemberInfoChanged:
      return one(e.userId);
    case GroupEvt.OwnerChanged:
      return [...one(e.previousOwnerId), ...one(e.newOwnerId)];
    default:
      return [];
  }
}

/**
 * System notifications (MSG-25): group, relation and profile facts told to the users they
 * concern as `notify` pushes, kept 7 days / 100 per user for those who were offline
 * (AMB-35) and pulled with `message.rpc.get-notifications`. Also keeps group conversations in
 * step with membership (a new member starts reading at the group's current seq).
 */
@Injectable()
export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly conversations: ConversationRepository,
    private readonly groups: GroupClient,
    private readonly unread: GroupUnreadService,
    private readonly delivery: DeliveryService,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Keeps and pushes one notification to users (once per fact and user). */
  async notify(
    sdkAppId: number,
    userIds: string[],
    kind: string,
    data: Record<string, unknown>,
    eventId: string,
  ): Promise<void> {
    const stored = await this.notifications.insert(
      sdkAppId,
      [...new Set(userIds)],
      eventId,
      kind,
      data,
      nowSeconds(),
    );
    await this.delivery.push(
      stored.map(({ userId, notification }) => ({
        sdkAppId,
        userId,
        cmd: PushCommands.Notify,
        data: notification,
      })),
    );
  }

  /** A notification to a live room (not kept: rooms have no offline members). */
  notifyRoom(sdkAppId: number, groupId: string, kind: string, data: Record<string, unknown>): void {
    const notification: SystemNotification = { id: 0, kind, time: nowSeconds(), data };
    this.delivery.publishRoom(sdkAppId, groupId, PushCommands.Notify, notification);
  }

  async list(caller: CallerContext, req: NotificationsRequest): Promise<NotificationsReply> {
    const limit = req.limit ?? 100;
    const rows = await this.notifications.findAfter(
      caller.sdkAppId,
      caller.callerId,
      req.afterId ?? 0,
      nowSeconds() - this.tuning.notificationTtlSeconds,
      limit + 1,
    );
    return { notifications: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  /** send_group_system_notification: to some or all members (`group.system`). */
  async sendGroupNotification(caller: CallerContext, req: GroupNotificationRequest): Promise<void> {
    if (!isPrivileged(caller))
      throw new MessageError(ErrorCode.GroupPermissionDenied, 'for the App admin');
    const { sdkAppId } = caller;
    const context = await this.groups.sendContext(sdkAppId, req.groupId);
    const data = { groupId: req.groupId, content: req.content };
    if (context.capabilities.storage === 'room') {
      this.notifyRoom(sdkAppId, req.groupId, 'group.system', data);
      return;
    }
    const members = (await this.groups.deliveryMembers(sdkAppId, req.groupId)).map((m) => m.userId);
    const wanted = req.toMembers?.length ? new Set(req.toMembers) : undefined;
    const to = wanted ? members.filter((m) => wanted.has(m)) : members;
    await this.notify(sdkAppId, to, 'group.system', data, randomUUID());
  }

  /** A group fact: membership bookkeeping, then the notification (unless `none`, T17). */
  async onGroupFact(subject: string, event: Record<string, unknown>): Promise<void> {
    const sdkAppId = Number(event.sdkAppId);
    const groupId = String(event.groupId);
    const convId = ConversationIds.group(groupId);
    this.groups.forget(sdkAppId, groupId);
    const caps = await this.groups.typeCapabilities(sdkAppId, String(event.groupType));
    const room = caps?.storage === 'room';
    const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
    if (!room) {
      if (subject === GroupEvt.MemberJoined) await this.joined(sdkAppId, groupId, event);
      if (subject === GroupEvt.Created)
        await this.conversations.joinGroup(sdkAppId, convId, groupId, list(event.memberIds));
      if (subject === GroupEvt.MemberLeft || subject === GroupEvt.MemberKicked)
        await this.conversations.leaveGroup(sdkAppId, convId, list(event.userIds));
      if (subject === GroupEvt.Destroyed)
        await this.conversations.leaveGroup(sdkAppId, convId, list(event.memberIds));
      // an official account's line: its subscribers are the conversation's users
      if (subject === GroupEvt.OfficialAccountSubscribed)
        await this.conversations.joinGroup(sdkAppId, convId, groupId, list(event.userIds));
      if (
        subject === GroupEvt.OfficialAccountUnsubscribed ||
        subject === GroupEvt.OfficialAccountDestroyed
      )
        await this.conversations.leaveGroup(sdkAppId, convId, list(event.userIds));
      if (caps?.baseType === 'Community') await this.topicLines(subject, event, sdkAppId, groupId);
    }
    if (event.notification === 'none') return;
    const kind = kindOf(subject);
    const data = factData(event);
    if (room) {
      this.notifyRoom(sdkAppId, groupId, kind, data);
      return;
    }
    const recipients = await this.groupRecipients(subject, event, sdkAppId, groupId);
    await this.notify(sdkAppId, recipients, kind, data, String(event.eventId));
  }

  /**
   * A Community's topics are conversations of their own (keyed by the topic ID): every member
   * has each topic's line, from a topic's creation or their joining on, until it is destroyed
   * or they leave.
   */
  private async topicLines(
    subject: string,
    event: Record<string, unknown>,
    sdkAppId: number,
    groupId: string,
  ): Promise<void> {
    const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
    const topicId = typeof event.topicId === 'string' ? event.topicId : '';
    switch (subject) {
      case GroupEvt.TopicCreated:
      case GroupEvt.TopicDestroyed: {
        // a topic destroyed with its dismissed Community names the members: the group is gone
        const members = Array.isArray(event.memberIds)
          ? list(event.memberIds)
          : (await this.groups.deliveryMembers(sdkAppId, groupId)).map((m) => m.userId);
        const topicConv = ConversationIds.group(topicId);
        if (subject === GroupEvt.TopicCreated)
          await this.conversations.joinGroup(sdkAppId, topicConv, topicId, members);
        else await this.conversations.leaveGroup(sdkAppId, topicConv, members);
        return;
      }
      case GroupEvt.MemberJoined:
      case GroupEvt.MemberLeft:
      case GroupEvt.MemberKicked: {
        const userIds = list(event.userIds);
        for (const id of await this.groups.topicIds(sdkAppId, groupId)) {
          if (subject === GroupEvt.MemberJoined)
            await this.conversations.joinGroup(sdkAppId, ConversationIds.group(id), id, userIds);
          else await this.conversations.leaveGroup(sdkAppId, ConversationIds.group(id), userIds);
        }
        return;
      }
      default:
        return;
    }
  }

  /** New members: imported ones at the read positions the fact carries, others at the end. */
  private async joined(
    sdkAppId: number,
    groupId: string,
    event: Record<string, unknown>,
  ): Promise<void> {
    const userIds = Array.isArray(event.userIds) ? (event.userIds as string[]) : [];
    const readSeqs = event.readSeqs as number[] | undefined;
    const unreads = event.unreads as number[] | undefined;
    if (typeof event.asOfSeq !== 'number' || !readSeqs || !unreads) {
      await this.conversations.joinGroup(
        sdkAppId,
        ConversationIds.group(groupId),
        groupId,
        userIds,
      );
      return;
    }
    const members = userIds.map((userId, i) => ({
      userId,
      readSeq: readSeqs[i] ?? event.asOfSeq,
      unread: unreads[i] ?? 0,
    }));
    await this.unread.joinImported(sdkAppId, groupId, members, event.asOfSeq);
  }

  private async groupRecipients(
    subject: string,
    e: Record<string, unknown>,
    sdkAppId: number,
    groupId: string,
  ): Promise<string[]> {
    const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
    // a topic destroyed with its dismissed Community names the members: the group is gone
    if (subject === GroupEvt.TopicDestroyed && Array.isArray(e.memberIds)) return list(e.memberIds);
    switch (subject) {
      case GroupEvt.Destroyed:
        return list(e.memberIds);
      case GroupEvt.Created:
        return list(e.memberIds);
      case GroupEvt.JoinRequested:
        return list(e.approverIds);
      case GroupEvt.JoinRequestHandled:
        return [String(e.applicantId)];
      case GroupEvt.OfficialAccountSubscribed:
      case GroupEvt.OfficialAccountUnsubscribed:
      case GroupEvt.OfficialAccountDestroyed:
        return list(e.userIds);
      default: {
        let members: string[] = [];
        try {
          members = (await this.groups.deliveryMembers(sdkAppId, groupId)).map((m) => m.userId);
        } catch (err) {
          this.logger.warn(
            { err: (err as Error).message, groupId },
            'no member list for a notification',
          );
        }
        return [...members, ...namedGroupRecipients(subject, e)];
      }
    }
  }

  /** A relation fact: told to the users it concerns. */
  async onRelationFact(subject: string, event: Record<string, unknown>): Promise<void> {
    const sdkAppId = Number(event.sdkAppId);
    const users = (...ids: unknown[]) =>
      ids.flatMap((v) => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : []));
    const recipients =
      'toUserIds' in event
        ? users(event.toUserIds)
        : 'fromUserId' in event
          ? users(event.fromUserId, event.toUserId)
          : users(event.userId);
    await this.notify(
      sdkAppId,
      recipients,
      kindOf(subject),
      factData(event),
      String(event.eventId),
    );
  }

  /** A profile change: told to the user's own devices (friends hear it from relation). */
  async onProfileFact(subject: string, event: Record<string, unknown>): Promise<void> {
    await this.notify(
      Number(event.sdkAppId),
      [String(event.userId)],
      kindOf(subject),
      factData(event),
      String(event.eventId),
    );
  }
}
