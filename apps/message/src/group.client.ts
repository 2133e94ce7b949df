import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';

import { EventStreams, GroupLimits, GroupRpc } from '@im/contracts';
import type { DeliveryMember, GroupTypeCapabilities, SendContextReply } from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER, TtlCache } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';

/** Messages the group has not been told of yet (NextMsgSeq, LastMsgTime, GRP-17). */
interface PendingNote {
  sdkAppId: number;
  groupId: string;
  count: number;
  /** The highest seq stored: the group's NextMsgSeq becomes at least one past it. */
  lastSeq: number;
  lastTime: number;
  senderId?: string;
}

const NOTE_INTERVAL_MS = 1000;
const TYPES_TTL_MS = 30_000;

/**
 * What messaging needs of the group service, over NATS as `service`: send contexts (fresh for
 * sends; cached briefly for pulls and reads), member lists for delivery (cached briefly,
 * dropped on membership facts), type capabilities, activation of a Private group by its first
 * message, and — coalesced once a second — how many messages a group got (its NextMsgSeq and
 * LastMsgTime; the message service's own seqs are authoritative, ADR 0004).
 */
@Injectable()
export class GroupClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly contexts: TtlCache<string, SendContextReply>;
  private readonly members: TtlCache<string, DeliveryMember[]>;
  private readonly types = new TtlCache<string, GroupTypeCapabilities | null>(TYPES_TTL_MS);
  private readonly pending = new Map<string, PendingNote>();
  private timer?: NodeJS.Timeout;
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly bus: NatsBus,
    @Inject(MESSAGE_TUNING) tuning: MessageTuning,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {
    // keyed app, group, member apart by NUL (no ID holds a control character), indexed by group
    this.contexts = new TtlCache(tuning.groupCacheMs, 100_000, groupOfContext);
    this.members = new TtlCache(tuning.groupCacheMs, 10_000);
  }

  onApplicationBootstrap(): void {
    this.subscriptions = EventStreams.group.subjects.map((pattern) =>
      this.bus.subscribe(pattern, (e) => this.forget(e.sdkAppId, e.groupId)),
    );
    this.timer = setInterval(() => void this.flushNotes(), NOTE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const s of this.subscriptions) s.unsubscribe();
    if (this.timer) clearInterval(this.timer);
    await this.flushNotes();
  }

  /** Drops what is cached of a group (membership, roles, mute may have changed). */
  forget(sdkAppId: number, groupId: string): void {
    this.members.delete(`${sdkAppId}|${groupId}`);
    this.contexts.deleteGroup(`${sdkAppId}\u0000${groupId}`);
  }

  /** The group and the sender (absent = the App admin) as they are now. */
  sendContext(sdkAppId: number, groupId: string, senderId?: string): Promise<SendContextReply> {
    return this.bus.request(
      GroupRpc.GetSendContext,
      { groupId, senderId },
      this.bus.asService(sdkAppId),
    );
  }

  /** The group and a member's record, cached briefly (pulls, reads). */
  memberContext(
    sdkAppId: number,
    groupId: string,
    userId: string | undefined,
  ): Promise<SendContextReply> {
    return this.contexts.load(`${sdkAppId}\u0000${groupId}\u0000${userId ?? ''}`, () =>
      this.sendContext(sdkAppId, groupId, userId),
    );
  }

  /** Every member of a table-stored group with its MsgFlag (cached briefly). */
  deliveryMembers(sdkAppId: number, groupId: string): Promise<DeliveryMember[]> {
    return this.members.load(`${sdkAppId}|${groupId}`, async () => {
      const all: DeliveryMember[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await this.bus.request(
          GroupRpc.GetDeliveryMembers,
          { groupId, after, limit: GroupLimits.deliveryPageMax },
          this.bus.asService(sdkAppId),
        );
        if (page.roomDelivery) break;
        all.push(...page.members);
        if (page.next === null) break;
        after = page.next;
      }
      return all;
    });
  }

  /** The IDs of a Community's topics (none for a group without topics). */
  async topicIds(sdkAppId: number, groupId: string): Promise<string[]> {
    try {
      const reply = await this.bus.request(
        GroupRpc.GetTopics,
        { groupId },
        this.bus.asService(sdkAppId),
      );
      return reply.items.map((i) => i.topicId);
    } catch {
      return []; // not a topic Community (10007), or gone (10010): no topic lines to keep
    }
  }

  /** The capabilities of a group type of an app (null when the type is unknown). */
  typeCapabilities(sdkAppId: number, type: string): Promise<GroupTypeCapabilities | null> {
    return this.types.load(`${sdkAppId}|${type}`, async () => {
      const reply = await this.bus.request(
        GroupRpc.GetTypeCapabilities,
        { type },
        this.bus.asService(sdkAppId),
      );
      return reply.types.find((t) => t.type === type) ?? null;
    });
  }

  /** The first message of an inactive Private group: the group becomes visible (T18). */
  async activate(sdkAppId: number, groupId: string, senderId: string | undefined, msgTime: number) {
    await this.bus.request(
      GroupRpc.AllocateMsgSeq,
      { groupId, senderId, count: 1, msgTime },
      this.bus.asService(sdkAppId),
    );
    this.forget(sdkAppId, groupId);
  }

  /**
   * Notes stored messages for the group's NextMsgSeq / LastMsgTime, told within a second as
   * the highest seq stored (absolute, so a note lost with a crashed instance is made good by
   * the next one, and one repeated or overtaken changes nothing).
   */
  noteMessages(
    sdkAppId: number,
    groupId: string,
    note: { count: number; lastSeq: number; lastTime: number; senderId?: string },
  ): void {
    const key = `${sdkAppId}|${groupId}`;
    const pending = this.pending.get(key);
    if (pending) {
      pending.count += note.count;
      pending.lastSeq = Math.max(pending.lastSeq, note.lastSeq);
      pending.lastTime = Math.max(pending.lastTime, note.lastTime);
      pending.senderId = note.senderId ?? pending.senderId;
    } else this.pending.set(key, { sdkAppId, groupId, ...note });
  }

  /**
   * A member's read position to the group service (`MsgSeq` of member info, GRP-20), taken
   * against this service's line up to `asOfSeq` (the group raises its NextMsgSeq to it).
   * Awaited by the caller before it answers, so a later write of the same member reaches the
   * group after this one; throws when the group service did not take it.
   */
  async setReadSeq(
    sdkAppId: number,
    groupId: string,
    userId: string,
    position: { msgSeq: number; asOfSeq: number; mode: 'advance' | 'set' },
  ): Promise<void> {
    await this.bus.request(
      GroupRpc.SetReadSeq,
      { groupId, userId, ...position },
      this.bus.asService(sdkAppId),
    );
  }

  private async flushNotes(): Promise<void> {
    const notes = [...this.pending.values()];
    this.pending.clear();
    for (const note of notes) {
      const { groupId, senderId, lastSeq } = note;
      const count = Math.min(note.count, GroupLimits.allocateMaxSeqs);
      await this.bus
        .request(
          GroupRpc.AllocateMsgSeq,
          { groupId, senderId, count, lastSeq, msgTime: note.lastTime },
          this.bus.asService(note.sdkAppId),
        )
        .catch((err: unknown) =>
          this.logger.debug({ err: (err as Error).message, groupId }, 'group not told'),
        );
    }
  }
}

/** The group part (app and group) of a member-context key. */
function groupOfContext(key: string): string {
  return key.slice(0, key.lastIndexOf('\u0000'));
}
