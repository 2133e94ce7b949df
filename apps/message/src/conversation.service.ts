import { Injectable } from '@nestjs/common';

import {
  ConversationIds,
  ErrorCode,
  isPrivileged,
  MessageEvt,
  MessageLimits,
  PushCommands,
} from '@im/contracts';
import type {
  C2cUnreadReply,
  C2cUnreadRequest,
  CallerContext,
  ContactGroupInfo,
  ContactMarkState,
  ConversationItem,
  ConversationRequest,
  ConversationSeqRequest,
  ConversationState,
  LineState,
  LineStatesReply,
  LineStatesRequest,
  ListConversationsReply,
  ListConversationsRequest,
  PinConversationRequest,
  ReadPushData,
  ReadReply,
  SetC2cReadRequest,
  SetGroupUnreadRequest,
  SyncReply,
  SyncRequest,
} from '@im/contracts';
import { AccountsClient, NatsBus } from '@im/platform';

import { ContactMarksService } from './contact-marks.service';
import { ConversationAccess, isVisible } from './conversation-access.service';
import type { ConversationView } from './conversation-access.service';
import { pageByTime } from './conversation-page.rules';
import type { TimeCursor, TimePage } from './conversation-page.rules';
import { ConversationRepository } from './conversation.repository';
import type { ConversationRow, GroupLine } from './conversation.repository';
import { DeliveryService } from './delivery.service';
import type { PushTarget } from './delivery.service';
import { GroupClient } from './group.client';
import { GroupUnreadService } from './group-unread.service';
import { MessageError } from './message.errors';
import { MessageRepository } from './message.repository';
import { ConvTypes, nowSeconds, toChatMessage } from './stored-message.model';
import { inlineCaps, pickInline } from './sync-inline.rules';

/** Sync re-reads this much of the recent past (µs): a change committed late is not missed. */
const SYNC_OVERLAP_US = 10_000_000;
const SYNC_DEFAULT_LIMIT = 100;

/** Unread of a group member: the line's counted messages past the read position (T22). */
export function groupUnread(line: GroupLine, readSeq: number, countedAtRead: number): number {
  if (!line.unreadSupported) return 0;
  const bySeq = Math.max(0, line.lastSeq - readSeq);
  return Math.min(bySeq, Math.max(0, line.countedTotal - countedAtRead));
}

/** A stored conversation as its user sees it. */
export function toState(row: ConversationRow): ConversationState {
  if (row.convType === ConvTypes.C2C)
    return {
      convId: row.convId,
      type: 'C2C',
      peer: row.peer,
      lastSeq: row.lastSeq,
      readSeq: row.readSeq,
      unread: row.unread,
      lastTime: row.lastTime,
      version: row.version,
      ...(row.isDeleted && { isDeleted: true }),
      ...(row.isPinned && { isPinned: true }),
    };
  const line = row.line ?? {
    lastSeq: 0,
    lastMsgSeq: 0,
    lastTime: 0,
    countedTotal: 0,
    unreadSupported: true,
    version: 0,
  };
  const isDeleted = row.isDeleted && line.lastMsgSeq <= row.deletedSeq;
  return {
    convId: row.convId,
    type: 'GROUP',
    peer: row.peer,
    lastSeq: line.lastSeq,
    readSeq: row.readSeq,
    unread: groupUnread(line, row.readSeq, row.countedAtRead),
    lastTime: line.lastTime,
    version: Math.max(row.version, line.version),
    ...(isDeleted && { isDeleted: true }),
    ...(row.isPinned && { isPinned: true }),
  };
}

/**
 * Conversations of a user (MSG-1 … MSG-4, MSG-20, MSG-21): sync by version, read positions
 * (never back; told to the user's other devices and, C2C, to the other party), deletion,
 * unread counts, and the REST views of them (recentcontact, get_c2c_unread_msg_num,
 * admin_set_msg_read, set_unread_msg_num).
 */
@Injectable()
export class ConversationService {
  constructor(
    private readonly access: ConversationAccess,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly groups: GroupClient,
    private readonly unread: GroupUnreadService,
    private readonly accounts: AccountsClient,
    private readonly delivery: DeliveryService,
    private readonly bus: NatsBus,
    private readonly contactMarks: ContactMarksService,
  ) {}

  /** The user's marks and group names of these conversations, on their states. */
  private async withMarks<T extends { convId: string }>(
    sdkAppId: number,
    userId: string,
    items: T[],
    put: (item: T, mark: ContactMarkState, groups: ContactGroupInfo[]) => void,
  ): Promise<void> {
    if (items.length === 0) return;
    const { marks, groups } = await this.contactMarks.lookup(
      sdkAppId,
      userId,
      items.map((i) => i.convId),
    );
    for (const item of items) {
      const mark = marks.get(item.convId);
      if (mark)
        put(
          item,
          mark,
          groups.filter((g) => mark.groupIds.includes(g.groupId)),
        );
    }
  }

  /** The caller's conversations changed after the cursor, with their last message. */
  async sync(caller: CallerContext, req: SyncRequest): Promise<SyncReply> {
    const { sdkAppId, callerId: userId } = caller;
    const limit = req.limit ?? SYNC_DEFAULT_LIMIT;
    const { rows, now } = await this.conversations.findChanged(
      sdkAppId,
      userId,
      req.cursor,
      limit + 1,
    );
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const states = page.map(toState);
    const wanted = page.flatMap((r) => {
      const seq = r.convType === ConvTypes.C2C ? r.lastMsgSeq : (r.line?.lastMsgSeq ?? 0);
      return seq > 0 && seq > r.clearSeq ? [{ convId: r.convId, seq }] : [];
    });
    const last = await this.messages.findEach(sdkAppId, wanted);
    const byConv = new Map(last.map((m) => [m.convId, m]));
    for (const state of states) {
      const m = byConv.get(state.convId);
      if (!m || m.hiddenFrom === userId || (m.expiresAt !== null && m.expiresAt <= nowSeconds()))
        continue;
      state.lastMessage = toChatMessage(m);
    }
    await this.withMarks(sdkAppId, userId, states, (state, mark, groups) => {
      state.standardMark = mark.standardMark;
      state.customMark = mark.customMark;
      state.contactGroups = groups.map((g) => g.name);
    });
    const messagesCut = req.withMessages
      ? await this.inlineMessages(caller, page, states, req.withMessages)
      : false;
    const lastVersion = states.length ? states[states.length - 1].version : undefined;
    const cursor = hasMore
      ? lastVersion!
      : lastVersion === undefined
        ? req.cursor
        : Math.max(req.cursor, Math.min(lastVersion, now - SYNC_OVERLAP_US));
    return { conversations: states, cursor, hasMore, ...(messagesCut && { messagesCut }) };
  }

  /**
   * `withMessages`: puts on each state its newest unread messages the user may see (one read
   * for the page, within the answer's caps); true when a cap stopped them.
   */
  private async inlineMessages(
    caller: CallerContext,
    page: ConversationRow[],
    states: ConversationState[],
    withMessages: number,
  ): Promise<boolean> {
    const caps = inlineCaps(withMessages);
    const wanted = page.flatMap((row, i) => {
      const state = states[i];
      const after = Math.max(state.readSeq, row.clearSeq, row.line?.clearSeq ?? 0);
      return state.isDeleted || state.lastSeq <= after
        ? []
        : [{ convId: row.convId, after, upTo: state.lastSeq }];
    });
    if (wanted.length === 0) return false;
    const [rows, views] = await Promise.all([
      this.messages.findNewestEach(caller.sdkAppId, wanted, caps.perConversation),
      // Who may see what (pre-join history, roaming); a conversation refused is left to pulls.
      Promise.all(wanted.map((w) => this.access.view(caller, w.convId).catch(() => undefined))),
    ]);
    const byConv = new Map<string, typeof rows>();
    for (const m of rows) byConv.set(m.convId, [...(byConv.get(m.convId) ?? []), m]);
    const candidates = wanted.flatMap((w, i) => {
      const view = views[i];
      if (!view || view.isRoom) return [];
      const newestFirst = (byConv.get(w.convId) ?? [])
        .filter((m) => isVisible(view, m, w.after))
        .sort((a, b) => b.seq - a.seq)
        .map(toChatMessage);
      return newestFirst.length ? [{ convId: w.convId, newestFirst }] : [];
    });
    const { picked, cut } = pickInline(candidates, caps);
    for (const state of states) {
      const messages = picked.get(state.convId);
      if (messages) state.messages = messages;
    }
    return cut;
  }

  /**
   * message.rpc.line-states (the group service's get_topic with `From_Account`): the member's
   * read seq, unread count and last visible message in each of these group lines. A line the
   * member has no conversation of yet answers read seq 0 and the line's whole unread count.
   */
  async lineStates(caller: CallerContext, req: LineStatesRequest): Promise<LineStatesReply> {
    const { sdkAppId } = caller;
    const states: LineState[] = [];
    const wanted: { convId: string; seq: number }[] = [];
    for (const groupId of req.groupIds) {
      const convId = ConversationIds.group(groupId);
      const row = await this.conversations.findOne(sdkAppId, req.userId, convId);
      const line = row ? row.line : await this.conversations.findLine(sdkAppId, convId);
      const readSeq = row?.readSeq ?? 0;
      const unread = line ? groupUnread(line, readSeq, row?.countedAtRead ?? 0) : 0;
      states.push({ groupId, readSeq, unread });
      const seq = line?.lastMsgSeq ?? 0;
      if (seq > 0 && seq > Math.max(row?.clearSeq ?? 0, line?.clearSeq ?? 0))
        wanted.push({ convId, seq });
    }
    const last = new Map(
      (await this.messages.findEach(sdkAppId, wanted)).map((m) => [m.convId, m]),
    );
    for (const state of states) {
      const m = last.get(ConversationIds.group(state.groupId));
      if (
        !m ||
        m.hiddenFrom === req.userId ||
        (m.expiresAt !== null && m.expiresAt <= nowSeconds())
      )
        continue;
      state.lastMessage = toChatMessage(m);
    }
    return { states };
  }

  /** The caller read a conversation up to `seq` (clamped to its last seq, never back). */
  async read(caller: CallerContext, req: ConversationSeqRequest): Promise<ReadReply> {
    const view = await this.access.view(caller, req.convId);
    if (!view.viewer) throw new MessageError(ErrorCode.C2cInvalidPacket, 'read is for users');
    return this.readAs(view, req.seq, caller.connId);
  }

  /** admin_set_msg_read: everything up to `readTime` (default now) is read. */
  async setC2cRead(caller: CallerContext, req: SetC2cReadRequest): Promise<void> {
    assertPrivileged(caller, ErrorCode.OpenimAdminRequired);
    const existing = await this.accounts.existing(caller.sdkAppId, [req.userId, req.peerId]);
    for (const userId of [req.userId, req.peerId])
      if (!existing.has(userId))
        throw new MessageError(ErrorCode.ToAccountNotImported, `${userId} is not imported`);
    const convId = ConversationIds.c2c(req.userId, req.peerId);
    const view = await this.access.view(caller, convId, req.userId);
    const seq = await this.messages.maxSeqUntil(
      caller.sdkAppId,
      convId,
      req.readTime ?? nowSeconds(),
    );
    if (seq > 0) await this.readAs(view, seq);
  }

  private async readAs(view: ConversationView, seq: number, connId?: string): Promise<ReadReply> {
    const { sdkAppId, convId } = view;
    const userId = view.viewer!;
    if (view.type === 'C2C') {
      const row = await this.conversations.findOne(sdkAppId, userId, convId);
      if (!row) return { readSeq: 0, unread: 0 };
      const target = Math.min(seq, row.lastSeq);
      if (target <= row.readSeq) return { readSeq: row.readSeq, unread: row.unread };
      const unread =
        target >= row.lastSeq
          ? 0
          : await this.messages.countUnread(sdkAppId, convId, userId, target, row.lastSeq);
      const after = await this.conversations.setC2cRead(sdkAppId, userId, convId, target, unread);
      if (after?.moved) this.told(view, after.readSeq, connId, [view.peer]);
      return after ? { readSeq: after.readSeq, unread: after.unread } : { readSeq: 0, unread: 0 };
    }
    if (view.isRoom) return { readSeq: 0, unread: 0 };
    const line = await this.conversations.findLine(sdkAppId, convId);
    if (!line) return { readSeq: 0, unread: 0 };
    const target = Math.min(seq, line.lastSeq);
    const row = await this.conversations.findOne(sdkAppId, userId, convId);
    if (row && target <= row.readSeq)
      return { readSeq: row.readSeq, unread: groupUnread(line, row.readSeq, row.countedAtRead) };
    const counted =
      target >= line.lastSeq
        ? line.countedTotal
        : line.countedTotal -
          (await this.messages.countCounted(sdkAppId, convId, target, line.lastSeq));
    const after = await this.conversations.setGroupRead(
      sdkAppId,
      userId,
      convId,
      view.peer,
      target,
      counted,
      'advance',
    );
    if (after.moved) {
      this.told(view, after.readSeq, connId, []);
      // Awaited (a later set_unread_msg_num reaches the group after it); a read the group
      // service missed only leaves its MsgSeq behind, which the next read moves.
      await this.groups
        .setReadSeq(sdkAppId, view.peer, userId, {
          msgSeq: after.readSeq,
          asOfSeq: line.lastSeq,
          mode: 'advance',
        })
        .catch(() => undefined);
    }
    return {
      readSeq: after.readSeq,
      unread: groupUnread(line, after.readSeq, after.countedAtRead),
    };
  }

  /** `msg.read` to the reader's other devices (and receipt users), `message.evt.read`. */
  private told(
    view: ConversationView,
    readSeq: number,
    connId: string | undefined,
    receipts: string[],
  ) {
    const userId = view.viewer!;
    const data: ReadPushData = { convId: view.convId, userId, readSeq };
    const targets: PushTarget[] = [
      {
        sdkAppId: view.sdkAppId,
        userId,
        exceptConnId: connId,
        cmd: PushCommands.MessageRead,
        data,
      },
      ...receipts
        .filter((u) => u !== userId)
        .map((u) => ({ sdkAppId: view.sdkAppId, userId: u, cmd: PushCommands.MessageRead, data })),
    ];
    void this.delivery.push(targets).catch(() => undefined);
    this.bus.publishUnacked(MessageEvt.Read, {
      sdkAppId: view.sdkAppId,
      convId: view.convId,
      userId,
      readSeq,
    });
  }

  /** Takes a conversation off a user's list (MSG-3); `clearHistory` also hides its messages. */
  async delete(caller: CallerContext, req: ConversationRequest): Promise<void> {
    if (isPrivileged(caller) && !req.userId)
      throw new MessageError(ErrorCode.ContactInvalidParameters, 'the App admin names the user');
    const view = await this.access.view(caller, req.convId, req.userId);
    const userId = view.viewer!;
    const { sdkAppId, convId } = view;
    let last = 0;
    if (view.type === 'C2C')
      last = (await this.conversations.findOne(sdkAppId, userId, convId))?.lastSeq ?? 0;
    else last = (await this.conversations.findLine(sdkAppId, convId))?.lastMsgSeq ?? 0;
    const found = await this.conversations.markDeleted(
      sdkAppId,
      userId,
      convId,
      last,
      req.clearHistory ? last : undefined,
    );
    if (found)
      void this.delivery
        .push([
          {
            sdkAppId,
            userId,
            exceptConnId: caller.connId,
            cmd: PushCommands.ConversationDeleted,
            data: { convId },
          },
        ])
        .catch(() => undefined);
  }

  /**
   * Pins a conversation of the user to the top of the list, or unpins it (`conv.pin`): at most
   * `pinnedConversationsMax` pinned (50002 beyond, and for a conversation the user does not
   * have yet). The user's other devices see it at their next sync (`isPinned`).
   */
  async pin(caller: CallerContext, req: PinConversationRequest): Promise<void> {
    if (isPrivileged(caller) && !req.userId)
      throw new MessageError(ErrorCode.ContactInvalidParameters, 'the App admin names the user');
    const view = await this.access.view(caller, req.convId, req.userId);
    const userId = view.viewer!;
    const { sdkAppId, convId } = view;
    const max = MessageLimits.pinnedConversationsMax;
    if (req.isPinned && (await this.conversations.countPinned(sdkAppId, userId, convId)) >= max)
      throw new MessageError(
        ErrorCode.ContactInvalidParameters,
        `at most ${max} conversations may be pinned`,
      );
    const found = await this.conversations.setPinned(
      sdkAppId,
      userId,
      convId,
      req.isPinned ? Date.now() : null,
    );
    if (!found)
      throw new MessageError(ErrorCode.ContactInvalidParameters, 'no such conversation yet');
  }

  /**
   * recentcontact/get_list: by last message time, newest first, from a `(time, index)` cursor;
   * with `pinnedFirst`, the pinned conversations first from their own cursor, then the others.
   */
  async list(
    caller: CallerContext,
    req: ListConversationsRequest,
  ): Promise<ListConversationsReply> {
    assertPrivileged(caller, ErrorCode.ContactAdminRequired);
    if (!(await this.accounts.exists(caller.sdkAppId, req.userId)))
      throw new MessageError(ErrorCode.ContactAccountNotFound, `${req.userId} is not imported`);
    const limit = req.limit ?? MessageLimits.conversationPageMax;
    const timeOf = (r: ConversationRow) =>
      r.convType === ConvTypes.C2C ? r.lastTime : (r.line?.lastTime ?? 0);
    const read = async (cursor: TimeCursor, count: number, pinned?: boolean) => {
      const first = cursor.time === 0 && cursor.index === 0;
      const rows = await this.conversations.findByLastTime(
        caller.sdkAppId,
        req.userId,
        first ? undefined : cursor.time,
        count + cursor.index + 1,
        pinned,
      );
      return pageByTime(rows, cursor, count, timeOf);
    };
    const toItem = (r: ConversationRow): ConversationItem & { convId: string } => ({
      convId: r.convId,
      type: r.convType === ConvTypes.C2C ? 'C2C' : 'GROUP',
      peer: r.peer,
      lastTime: timeOf(r),
      pinned: r.isPinned,
    });
    const decorated = async (rows: ConversationRow[]): Promise<ConversationItem[]> => {
      const items = rows.map(toItem);
      await this.withMarks(caller.sdkAppId, req.userId, items, (item, mark, groups) => {
        item.standardMark = mark.standardMark;
        item.customMark = mark.customMark;
        item.contactGroups = groups;
      });
      return items.map(({ convId: _convId, ...item }) => item);
    };
    const cursor = { time: req.time, index: req.index };
    if (!req.pinnedFirst) {
      const page = await read(cursor, limit);
      return {
        items: await decorated(page.items),
        isComplete: page.isComplete,
        time: page.next.time,
        index: page.next.index,
        topTime: 0,
        topIndex: 0,
      };
    }
    const top = await read({ time: req.topTime ?? 0, index: req.topIndex ?? 0 }, limit, true);
    const room = limit - top.items.length;
    // the unpinned ones only once every pinned one was answered
    const rest: TimePage<ConversationRow> =
      top.isComplete && room > 0
        ? await read(cursor, room, false)
        : { items: [], isComplete: false, next: cursor };
    return {
      items: await decorated([...top.items, ...rest.items]),
      isComplete: top.isComplete && rest.isComplete,
      time: rest.next.time,
      index: rest.next.index,
      topTime: top.next.time,
      topIndex: top.next.index,
    };
  }

  /** get_c2c_unread_msg_num. */
  async c2cUnread(caller: CallerContext, req: C2cUnreadRequest): Promise<C2cUnreadReply> {
    assertPrivileged(caller, ErrorCode.OpenimAdminRequired);
    const { sdkAppId } = caller;
    const peers = [...new Set(req.peerIds ?? [])];
    const existing = await this.accounts.existing(sdkAppId, [req.userId, ...peers]);
    if (!existing.has(req.userId))
      throw new MessageError(ErrorCode.ToAccountNotImported, `${req.userId} is not imported`);
    const rows = await this.conversations.findC2cUnread(sdkAppId, req.userId);
    const byPeer = new Map(rows.map((r) => [r.peer, r.unread]));
    return {
      total: rows.reduce((sum, r) => sum + r.unread, 0),
      peers: peers
        .filter((p) => existing.has(p))
        .map((peerId) => ({ peerId, unread: byPeer.get(peerId) ?? 0 })),
      errors: peers
        .filter((p) => !existing.has(p))
        .map((userId) => ({ userId, code: ErrorCode.AccountNotImported })),
    };
  }

  /**
   * set_unread_msg_num: the member's unread count becomes `unread` (T22 types only), as of
   * the group line's last seq (GroupUnreadService): messages acknowledged before are in it,
   * later ones count on top. Answered after the group service took the same position.
   */
  async setGroupUnread(caller: CallerContext, req: SetGroupUnreadRequest): Promise<void> {
    assertPrivileged(caller, ErrorCode.GroupPermissionDenied);
    const { sdkAppId } = caller;
    const context = await this.groups.sendContext(sdkAppId, req.groupId, req.userId);
    if (!context.sender)
      throw new MessageError(ErrorCode.GroupPermissionDenied, `${req.userId} is not a member`);
    if (!context.capabilities.unreadSupported || context.capabilities.storage === 'room')
      throw new MessageError(
        ErrorCode.GroupPermissionDenied,
        `${context.type} groups keep no unread count (T22)`,
      );
    const convId = ConversationIds.group(req.groupId);
    const {
      lastSeq,
      positions: [at],
    } = await this.unread.positions(sdkAppId, convId, [req.unread]);
    const after = await this.conversations.setGroupRead(
      sdkAppId,
      req.userId,
      convId,
      req.groupId,
      at.readSeq,
      at.countedAtRead,
      'set',
    );
    await this.groups.setReadSeq(sdkAppId, req.groupId, req.userId, {
      msgSeq: after.readSeq,
      asOfSeq: lastSeq,
      mode: 'set',
    });
    const view = { sdkAppId, convId, viewer: req.userId } as ConversationView;
    this.told(view, after.readSeq, undefined, []);
  }
}

function assertPrivileged(caller: CallerContext, code: number): void {
  if (!isPrivileged(caller)) throw new MessageError(code, 'for the App admin');
}
