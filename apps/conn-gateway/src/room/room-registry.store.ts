import { Inject, Injectable } from '@nestjs/common';
import type { Subscription } from 'nats';
import type { Counter } from 'prom-client';

import { ConnSubjects, PushCommands } from '@im/contracts';
import type { RoomDelivery } from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER, PlatformMetrics } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { Session } from '../session/session.model';
import { RoomSequencer } from './room-sequencer.model';

interface Room {
  sdkAppId: number;
  groupId: string;
  sessions: Set<Session>;
  subscription: Subscription;
  /** The room's messages in seq order, whichever message service instance sent them. */
  sequencer: RoomSequencer<string>;
}

/**
 * How long a room message that came before an earlier one waits for it (RoomSequencer). Two
 * message instances of a loaded cluster were seen publishing a room's seqs more than 250 ms
 * apart; a real gap (a seq taken by a send that then failed) is rare, so waiting a second for
 * it costs little, while giving up too early drops the late message.
 */
const ROOM_REORDER_HOLD_MS = 1000;

/**
 * The live rooms (AVChatRoom) and broadcast groups (BChatRoom) this process holds sessions in.
 * The node subscribes to `conn.room.<sdkAppId>.<groupId>` when its first session enters a room
 * and unsubscribes after the last one left, so the message service publishes once per room
 * whatever its size, and each gateway fans out to its own sessions with one serialization.
 */
@Injectable()
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly pushes: Counter<'cmd'>;

  constructor(
    private readonly bus: NatsBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
    metrics: PlatformMetrics,
  ) {
    this.pushes = metrics.counter(
      'im_conn_room_pushes_total',
      'Frames pushed to sessions in live rooms and broadcast groups, per push command',
      ['cmd'],
    );
    metrics.gaugeOf(
      'im_conn_rooms',
      'Rooms this gateway process is subscribed to',
      () => this.rooms.size,
    );
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Sessions of this node in a room. */
  sessionsIn(sdkAppId: number, groupId: string): Session[] {
    return [...(this.rooms.get(roomKey(sdkAppId, groupId))?.sessions ?? [])];
  }

  /**
   * Puts a session in a room; subscribes the node on the first one. Resolves once the
   * subscription reached the NATS server, so a message published after the join answer
   * reaches the session.
   */
  async add(session: Session, sdkAppId: number, groupId: string): Promise<void> {
    const key = roomKey(sdkAppId, groupId);
    let room = this.rooms.get(key);
    if (!room) {
      const subscription = this.bus.subscribeDirect(
        ConnSubjects.room(sdkAppId, groupId),
        (delivery) => this.deliver(key, delivery),
      );
      const sessions = new Set<Session>();
      room = {
        sdkAppId,
        groupId,
        sessions,
        subscription,
        sequencer: new RoomSequencer(
          (text) => this.send(sessions, 'msg', text),
          ROOM_REORDER_HOLD_MS,
        ),
      };
      this.rooms.set(key, room);
      this.logger.debug({ sdkAppId, groupId }, 'room subscribed');
    }
    room.sessions.add(session);
    session.rooms.add(groupId);
    await this.bus.connection.flush();
  }

  /** Takes a session out of a room; unsubscribes the node after the last one. */
  remove(session: Session, sdkAppId: number, groupId: string): boolean {
    session.rooms.delete(groupId);
    const key = roomKey(sdkAppId, groupId);
    const room = this.rooms.get(key);
    if (!room?.sessions.delete(session)) return false;
    if (room.sessions.size === 0) {
      room.subscription.unsubscribe();
      room.sequencer.close();
      this.rooms.delete(key);
      this.logger.debug({ sdkAppId, groupId }, 'room unsubscribed');
    }
    return true;
  }

  /** A session ended: out of every room it was in. */
  removeAll(session: Session): void {
    if (session.sdkAppId === undefined) return;
    for (const groupId of [...session.rooms]) this.remove(session, session.sdkAppId, groupId);
  }

  /** Unsubscribes from every room (shutdown). */
  clear(): void {
    for (const room of this.rooms.values()) {
      room.subscription.unsubscribe();
      room.sequencer.close();
    }
    this.rooms.clear();
  }

  /**
   * One room delivery to every session of the room on this node, serialized once; a message
   * goes through the room's sequencer so the sessions get the room's messages in seq order.
   */
  deliver(key: string, delivery: RoomDelivery): void {
    const room = this.rooms.get(key);
    if (!room || typeof delivery?.cmd !== 'string') return;
    const text = JSON.stringify({ op: 'push', cmd: delivery.cmd, data: delivery.data });
    const seq = (delivery.data as { seq?: unknown } | undefined)?.seq;
    if (delivery.cmd === 'msg' && typeof seq === 'number' && Number.isSafeInteger(seq)) {
      room.sequencer.push(seq, text);
      return;
    }
    this.send(room.sessions, delivery.cmd, text);
    for (const userId of removedBy(delivery)) this.dropUser(room, userId);
  }

  private send(sessions: Set<Session>, cmd: string, text: string): void {
    let sent = 0;
    for (const session of sessions) if (session.sendText(text)) sent++;
    this.pushes.inc({ cmd }, sent);
  }

  /** Takes a user's sessions out of a room they were removed from (after telling them). */
  private dropUser(room: Room, userId: string): void {
    for (const session of [...room.sessions])
      if (!session.isGuest && session.userId === userId)
        this.remove(session, room.sdkAppId, room.groupId);
  }
}

/**
 * The users a room notification says are no longer in the room (`group.member-kicked`, and
 * `group.member-banned` for bans of users who were not in the member list): the gateway stops
 * the room's pushes to their sessions, so a removed or banned viewer receives nothing more.
 */
export function removedBy(delivery: RoomDelivery): string[] {
  if (delivery.cmd !== PushCommands.Notify) return [];
  const n = delivery.data as { kind?: unknown; data?: { userIds?: unknown } } | undefined;
  if (n?.kind !== 'group.member-kicked' && n?.kind !== 'group.member-banned') return [];
  const ids = n.data?.userIds;
  return Array.isArray(ids) ? ids.filter((u): u is string => typeof u === 'string') : [];
}

export function roomKey(sdkAppId: number, groupId: string): string {
  return `${sdkAppId}:${groupId}`;
}
