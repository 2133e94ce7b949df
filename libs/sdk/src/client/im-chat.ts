import { ConversationIds } from '@im/contracts';
import type {
  ChatMessage,
  ConversationState,
  ConversationType,
  LoginResult,
  MsgElement,
  NotificationsReply,
  PullReply,
  ReadReply,
  SendMessageReply,
  SyncReply,
  SystemNotification,
} from '@im/contracts';

import {
  ChatPushCommands,
  HistoryPage,
  ImChatEvents,
  OutgoingMessage,
  ReadReceiptEvent,
  RecalledEvent,
  SendMessageOptions,
  SendState,
} from './chat-types';
import {
  ConversationStream,
  ConversationStreamOptions,
  DEFAULT_STREAM_OPTIONS,
} from './conversation-stream';
import { Emitter } from './emitter';
import type { ImClient } from './im-client';
import { ImError, isBusy, jittered, RETRYABLE_CODES, SdkErrorCodes } from './im-error';

export interface ImChatOptions {
  /**
   * What the first sync after `new ImChat` delivers as `message` events: `unread` (default)
   * the messages after the user's read position of each conversation, `none` nothing (the
   * application pages the history itself). Conversations that appear later always deliver
   * from the read position (or from the first message seen).
   */
  catchUp?: 'unread' | 'none';
  /**
   * Positions the application already holds (from `positions()` of an earlier run, e.g. a
   * local message cache): delivery resumes after them instead of `catchUp`.
   */
  positions?: Readonly<Record<string, number>>;
  /** Automatic retries of a send after a lost connection or timeout (same random). Default 3. */
  sendRetries?: number;
  /** How long a retry waits for the connection to come back. Default 30 s. */
  sendRetryWaitMs?: number;
  /** A sync this often while connected, in case a push was lost (0 = off). Default 60 s. */
  syncIntervalMs?: number;
  /** Conversations per sync page (1..500). Default 100. */
  syncPageSize?: number;
  /** Gap-fill tuning. */
  stream?: Partial<ConversationStreamOptions>;
  /** Sent messages kept in `outgoing()` (failed ones are kept until resent). Default 1000. */
  outboxLimit?: number;
  /**
   * The last system notification the application holds (`notificationsCursor()` of an
   * earlier run): the first login fetches those after it. Without it, notifications from
   * before this client's first login are not replayed; after a reconnect, missed ones always are.
   */
  notificationsAfterId?: number;
}

/** `room.join` answer data. */
export interface RoomJoinResult {
  groupId: string;
  type: string;
  outcome: 'joined' | 'pending';
}

const REMEMBERED_KEYS = 10_000;

/**
 * The messaging layer over an ImClient (docs/protocol.md §7, §8, §10, §11): sends with a random reused on
 * retry and send states; `message` events once and in order per conversation (holes pulled
 * before what follows them); the conversation list with unread counts; history; read reports
 * synced across the user's devices; recall; live rooms; and after every (re)login a sync of the
 * conversations and a gap-fill of each, so nothing sent meanwhile is lost or shown twice (GW-7).
 */
export class ImChat extends Emitter<ImChatEvents> {
  private readonly streams = new Map<string, ConversationStream>();
  private readonly convs = new Map<string, ConversationState>();
  /** Conversations whose server state keeps no unread count (T22). */
  private readonly withoutUnread = new Set<string>();
  private readonly roomGroups = new Set<string>();
  private readonly outbox = new Map<string, OutgoingMessage>();
  private readonly sendsInFlight = new Map<string, Set<Promise<unknown>>>();
  private readonly ownKeys = new Set<string>();
  private readonly recalledKeys = new Set<string>();
  private readonly onlineOnlyKeys = new Set<string>();
  private readonly notificationIds = new Set<string>();
  private lastNotificationId?: number;
  /**
   * Where the next `notify.get` starts: the highest id a fetch returned. Pushes do not move it
   * (a push of a newer notification may come before an older one was fetched; ids already
   * delivered are dropped by `notificationIds`).
   */
  private fetchedNotificationId?: number;
  /** The first fetch after the first login is done: nothing older is skipped any more. */
  private notificationBacklogDone = false;
  /** UNIX seconds of the first login: older notifications are not replayed without a cursor. */
  private firstLoginTime?: number;
  private readonly streamOptions: ConversationStreamOptions;
  private cursor = 0;
  private initialSynced = false;
  private syncing?: Promise<void>;
  private syncAgain = false;
  private resuming?: Promise<void>;
  /** Bumped by each login: a retrying resume of an older login stops. */
  private resumeGeneration = 0;
  private syncTimer?: ReturnType<typeof setInterval>;
  private localIds = 0;

  constructor(
    readonly client: ImClient,
    private readonly options: ImChatOptions = {},
  ) {
    super();
    this.streamOptions = { ...DEFAULT_STREAM_OPTIONS, ...options.stream };
    client.on('push', (cmd, data) => this.onPush(cmd, data));
    this.lastNotificationId = options.notificationsAfterId;
    this.fetchedNotificationId = options.notificationsAfterId;
    client.on('connected', (login) => void this.resume(login));
    client.on('state', (state) => state === 'closed' && this.stopSyncTimer());
    if (client.state === 'connected') void this.resume(client.session);
  }

  /** The logged-in user (undefined for a guest). */
  get userId(): string | undefined {
    return this.client.userId;
  }

  /** Resolves once the sync and gap-fill after the latest login are under way. */
  async whenSynced(): Promise<void> {
    while (this.resuming) await this.resuming;
  }

  // ---------------------------------------------------------------- conversations

  /** The conversation list, most recent first. */
  conversations(): ConversationState[] {
    return [...this.convs.values()]
      .filter((c) => !c.isDeleted)
      .sort((a, b) => b.lastTime - a.lastTime || b.lastSeq - a.lastSeq)
      .map((c) => ({ ...c }));
  }

  conversation(convId: string): ConversationState | undefined {
    const conv = this.convs.get(convId);
    return conv ? { ...conv } : undefined;
  }

  /** Total unread over the conversation list. */
  totalUnread(): number {
    return this.conversations().reduce((sum, c) => sum + c.unread, 0);
  }

  /** Syncs the conversation list now (changes since the last sync) and fills what it reveals. */
  refresh(): Promise<void> {
    return this.sync();
  }

  /** Removes a conversation from the user's list on every device (messages stay, MSG-3). */
  async deleteConversation(convId: string): Promise<void> {
    await this.client.request('conv.delete', { convId });
    this.onConversationDeleted(convId);
  }

  /**
   * Per conversation, the highest seq delivered without a hole: keep it with a local message
   * cache and pass it back as `positions` to resume there.
   */
  positions(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [convId, stream] of this.streams)
      if (stream.position !== undefined) out[convId] = stream.position;
    return out;
  }

  // ---------------------------------------------------------------- sending

  /** Sends a C2C message; resolves when stored (state `sent`), rejects with an ImError. */
  sendC2C(
    to: string,
    body: MsgElement[],
    options: SendMessageOptions = {},
  ): Promise<OutgoingMessage> {
    return this.send('C2C', to, body, options);
  }

  /** Sends a group message; resolves when stored (state `sent`), rejects with an ImError. */
  sendGroup(
    groupId: string,
    body: MsgElement[],
    options: SendMessageOptions = {},
  ): Promise<OutgoingMessage> {
    return this.send('GROUP', groupId, body, options);
  }

  /** Sends a failed message again, with its original random (stored once whatever happened). */
  resend(localId: string): Promise<OutgoingMessage> {
    const message = this.outbox.get(localId);
    if (!message) return Promise.reject(new Error(`no outgoing message ${localId}`));
    if (message.state !== 'failed') return Promise.resolve(message);
    message.attempts = 0;
    return this.attempt(message);
  }

  /** Messages this client sent (sending, sent and failed), oldest first (MSG-12). */
  outgoing(): OutgoingMessage[] {
    return [...this.outbox.values()].map((m) => ({ ...m }));
  }

  /** Forgets a failed message of `outgoing()` (local only). */
  discard(localId: string): void {
    if (this.outbox.get(localId)?.state === 'failed') this.outbox.delete(localId);
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reports the conversation read up to `seq` (default: everything received); the server
   * syncs it to the user's other devices. Resolves with the new read position and unread.
   */
  async markRead(convId: string, seq?: number): Promise<ReadReply> {
    const conv = this.convs.get(convId);
    const upTo = seq ?? Math.max(conv?.lastSeq ?? 0, this.streams.get(convId)?.position ?? 0);
    if (upTo < 1) return { readSeq: conv?.readSeq ?? 0, unread: conv?.unread ?? 0 };
    const reply = await this.client.request<ReadReply>('msg.read', { convId, seq: upTo });
    this.applyRead(convId, reply.readSeq, reply.unread);
    return reply;
  }

  /**
   * One page of a conversation's history, newest first asked: from `fromSeq` (default: the
   * latest) back, `limit` messages (≤ 100). The page lists them oldest first; pass `nextSeq`
   * for the next older page.
   */
  async getHistory(
    convId: string,
    options: { fromSeq?: number; limit?: number } = {},
  ): Promise<HistoryPage> {
    const stream = this.streams.get(convId);
    const latest = Math.max(this.convs.get(convId)?.lastSeq ?? 0, stream?.position ?? 0);
    const fromSeq = options.fromSeq ?? latest;
    if (fromSeq < 1) return { messages: [], nextSeq: 0, isComplete: true };
    const reply = await this.client.request<PullReply>('msg.pull', {
      convId,
      fromSeq,
      limit: Math.min(100, Math.max(1, options.limit ?? 20)),
      order: 'desc',
    });
    const messages = [...(reply.messages ?? [])].sort((a, b) => a.seq - b.seq);
    return { messages, nextSeq: reply.nextSeq, isComplete: reply.isComplete || reply.nextSeq < 1 };
  }

  /** Edits a message (own ones); online clients of the conversation get `message-modified`. */
  async edit(
    convId: string,
    seq: number,
    change: { body?: MsgElement[]; cloudCustomData?: string },
  ): Promise<void> {
    await this.client.request('msg.edit', { convId, seq, ...change });
  }

  /** The id of the last system notification delivered: keep it to resume there next run. */
  notificationsCursor(): number | undefined {
    return this.lastNotificationId;
  }

  /** Recalls a message; online clients of the conversation get `message-recalled`. */
  async recall(convId: string, seq: number): Promise<void> {
    await this.client.request('msg.recall', { convId, seq });
    this.onRecalled({ convId, seq });
  }

  // ---------------------------------------------------------------- rooms

  /**
   * Joins a live room (AVChatRoom) or broadcast group (BChatRoom): its messages arrive as
   * `message` events until `leaveRoom`. Guests may do this too. Joined again after a reconnect.
   */
  async joinRoom(groupId: string): Promise<RoomJoinResult> {
    const result = await this.client.request<RoomJoinResult>('room.join', { groupId });
    if (result.outcome === 'joined') this.roomGroups.add(groupId);
    return result;
  }

  async leaveRoom(groupId: string): Promise<void> {
    this.roomGroups.delete(groupId);
    this.streams.delete(ConversationIds.group(groupId));
    await this.client.request('room.leave', { groupId });
  }

  /** Group IDs of the rooms joined. */
  rooms(): string[] {
    return [...this.roomGroups];
  }

  /** Stops background syncs and closes the client (logout). */
  async close(): Promise<void> {
    this.stopSyncTimer();
    await this.client.close();
  }

  // ---------------------------------------------------------------- internals: resume

  /**
   * After each login: rooms again, conversations synced, every hole filled (GW-7). A step that
   * fails because the platform is busy (a timeout, a "try again" code) is retried with a
   * growing, jittered pause while this login lasts — after a reconnect storm the services may
   * answer late for a while, and a client must not wait for its periodic sync to catch up.
   */
  private resume(login?: LoginResult): Promise<void> {
    if (this.firstLoginTime === undefined && login)
      this.firstLoginTime = Math.floor(login.serverTime / 1000);
    const generation = ++this.resumeGeneration;
    const current = () => generation === this.resumeGeneration && this.client.state === 'connected';
    const run = (async () => {
      this.startSyncTimer();
      for (let attempt = 0; ; attempt++) {
        try {
          await this.resumeOnce();
          this.emit('synced');
          return;
        } catch (err) {
          this.emit('error', err as Error);
          if (!isBusy(err) || !current()) return;
          await pause(resumeBackoffMs(attempt));
          if (!current()) return;
        }
      }
    })();
    const tracked = run.finally(() => {
      if (this.resuming === tracked) this.resuming = undefined;
    });
    this.resuming = tracked;
    return tracked;
  }

  private async resumeOnce(): Promise<void> {
    await Promise.all(
      [...this.roomGroups].map((groupId) =>
        this.client.request('room.join', { groupId }).catch((err: unknown) => {
          // The room is gone or refuses us now: stop listening to it.
          if (err instanceof ImError && err.code > 0 && !RETRYABLE_CODES.has(err.code))
            this.roomGroups.delete(groupId);
          else throw err;
        }),
      ),
    );
    if (!this.client.isGuest) await this.sync();
    for (const stream of this.streams.values()) stream.resume();
    if (!this.client.isGuest)
      await this.fetchNotifications().catch((err: Error) => this.emit('error', err));
  }

  private sync(): Promise<void> {
    if (this.client.isGuest) return Promise.resolve();
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    const run = (async () => {
      do {
        this.syncAgain = false;
        await this.syncPages();
      } while (this.syncAgain);
    })();
    this.syncing = run.finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async syncPages(): Promise<void> {
    const initial = !this.initialSynced;
    const limit = Math.min(500, Math.max(1, this.options.syncPageSize ?? 100));
    for (;;) {
      const reply = await this.client.request<SyncReply>('msg.sync', {
        cursor: this.cursor,
        limit,
      });
      for (const state of reply.conversations ?? []) this.applyState(state, initial);
      if (Number.isInteger(reply.cursor)) this.cursor = reply.cursor;
      if (!reply.hasMore) break;
    }
    this.initialSynced = true;
    // Conversations known only from pushes (none in the list): from their first message on.
    for (const stream of this.streams.values()) {
      const lowest = stream.lowestWaiting;
      if (!stream.hasBaseline && lowest !== undefined) stream.setBaseline(lowest - 1);
    }
  }

  private applyState(state: ConversationState, initial: boolean): void {
    const convId = state.convId;
    if (this.isRoom(convId)) return;
    const known = this.convs.get(convId);
    const stream = this.streamOf(convId);
    if (!stream.hasBaseline) {
      const saved = this.options.positions?.[convId];
      const lowest = stream.lowestWaiting;
      let baseline: number;
      if (saved !== undefined) baseline = saved;
      else if (state.isDeleted) baseline = state.lastSeq;
      else if (initial)
        baseline = (this.options.catchUp ?? 'unread') === 'none' ? state.lastSeq : state.readSeq;
      else baseline = lowest !== undefined ? Math.min(state.readSeq, lowest - 1) : state.readSeq;
      stream.setBaseline(baseline);
    }
    if (state.unread === 0 && state.lastSeq > state.readSeq) this.withoutUnread.add(convId);
    // The server's numbers, unless messages delivered since are newer.
    const merged: ConversationState = { ...state };
    if (known && known.lastSeq > state.lastSeq) {
      merged.lastSeq = known.lastSeq;
      merged.lastMessage = known.lastMessage;
      merged.lastTime = known.lastTime;
    }
    if (known && known.readSeq > merged.readSeq) merged.readSeq = known.readSeq;
    // The server's count leaves out NoUnread messages; ours only when we know more.
    if (merged.lastSeq !== state.lastSeq || merged.readSeq !== state.readSeq)
      merged.unread = this.unreadOf(convId, merged.lastSeq, merged.readSeq);
    if (state.isDeleted) {
      if (this.convs.delete(convId)) this.emit('conversation-deleted', convId);
    } else {
      this.convs.set(convId, merged);
      this.emit('conversation', { ...merged });
    }
    stream.noteLastSeq(state.lastSeq);
  }

  /** System notifications missed while away (after the last one held), oldest first. */
  private async fetchNotifications(): Promise<void> {
    if (this.fetchedNotificationId === undefined && this.firstLoginTime === undefined) return;
    // Without a cursor, the first fetch skips what happened before this client first logged in.
    const since =
      this.fetchedNotificationId === undefined && !this.notificationBacklogDone
        ? (this.firstLoginTime ?? 0)
        : 0;
    for (let round = 0; round < 20; round++) {
      const reply = await this.client.request<NotificationsReply>('notify.get', {
        afterId: this.fetchedNotificationId ?? 0,
        limit: 100,
      });
      for (const n of reply.notifications ?? []) {
        if (this.fetchedNotificationId === undefined || n.id > this.fetchedNotificationId)
          this.fetchedNotificationId = n.id;
        if (n.time < since) {
          this.noteNotificationId(n.id);
          continue;
        }
        this.onNotification(n);
      }
      if (!reply.hasMore || !reply.notifications?.length) break;
    }
    this.notificationBacklogDone = true;
  }

  private onNotification(notification: SystemNotification): void {
    if (!Number.isInteger(notification.id)) {
      this.emit('notify', notification);
      return;
    }
    if (!remember(this.notificationIds, String(notification.id))) return;
    this.noteNotificationId(notification.id);
    this.emit('notify', notification);
  }

  private noteNotificationId(id: number): void {
    remember(this.notificationIds, String(id));
    if (this.lastNotificationId === undefined || id > this.lastNotificationId)
      this.lastNotificationId = id;
  }

  private startSyncTimer(): void {
    const every = this.options.syncIntervalMs ?? 60_000;
    if (this.syncTimer || every <= 0 || this.client.isGuest) return;
    this.syncTimer = setInterval(() => {
      if (this.client.state !== 'connected') return;
      this.sync().catch((err: Error) => this.emit('error', err));
    }, every);
    (this.syncTimer as { unref?: () => void }).unref?.();
  }

  private stopSyncTimer(): void {
    if (this.syncTimer) clearInterval(this.syncTimer);
    this.syncTimer = undefined;
  }

  // ---------------------------------------------------------------- internals: streams

  private isRoom(convId: string): boolean {
    return convId.startsWith('group:') && this.roomGroups.has(convId.slice('group:'.length));
  }

  private streamOf(convId: string): ConversationStream {
    let stream = this.streams.get(convId);
    if (!stream) {
      stream = new ConversationStream(
        convId,
        {
          pull: (id, fromSeq, limit) =>
            this.client.request<PullReply>('msg.pull', { convId: id, fromSeq, limit }),
          deliver: (message) => this.deliver(message),
          isOwn: (message) =>
            message.from === this.userId &&
            this.ownKeys.has(ownKey(message.convId, message.random)),
          settled: (id) => this.sendsSettled(id),
        },
        this.streamOptions,
      );
      this.streams.set(convId, stream);
    }
    return stream;
  }

  private deliver(message: ChatMessage): void {
    this.noteInConversation(message);
    this.emit('message', message);
  }

  private onPush(cmd: string, data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    switch (cmd) {
      case ChatPushCommands.Message:
        this.onMessage(data as ChatMessage);
        return;
      case ChatPushCommands.Recalled:
        this.onRecalled(data as RecalledEvent);
        return;
      case ChatPushCommands.Read: {
        const read = data as ReadReceiptEvent;
        if (read.userId === this.userId) this.applyRead(read.convId, read.readSeq);
        else this.emit('read-receipt', { ...read });
        return;
      }
      case ChatPushCommands.ConversationDeleted:
        this.onConversationDeleted((data as { convId: string }).convId);
        return;
      case ChatPushCommands.Modified:
        this.onModified(data as ChatMessage);
        return;
      case ChatPushCommands.Notify:
        this.onNotification(data as SystemNotification);
        return;
    }
  }

  private onMessage(message: ChatMessage): void {
    if (typeof message.convId !== 'string') return;
    if (!Number.isInteger(message.seq) || message.seq < 1) {
      // Online-only (not stored, no seq): no order to keep, only duplicates to drop.
      const key = `${message.convId}:${message.from}:${message.random}`;
      if (remember(this.onlineOnlyKeys, key)) this.emit('message', message);
      return;
    }
    const stream = this.streamOf(message.convId);
    if (!stream.hasBaseline) {
      // A live room starts where we came in; a C2C conversation's first message has nothing
      // before it; another new conversation waits until the sync knows it.
      if (this.isRoom(message.convId)) stream.setBaseline(message.seq - 1);
      else if (this.initialSynced && isFirstOfC2c(message)) stream.setBaseline(0);
      else if (this.initialSynced) this.sync().catch((err: Error) => this.emit('error', err));
    }
    stream.offer(message);
  }

  // ---------------------------------------------------------------- internals: sends

  private send(
    type: ConversationType,
    to: string,
    body: MsgElement[],
    options: SendMessageOptions,
  ): Promise<OutgoingMessage> {
    const me = this.userId;
    if (me === undefined)
      return Promise.reject(new ImError(70002, 'a guest cannot send; log in as a user'));
    const convId = type === 'C2C' ? ConversationIds.c2c(me, to) : ConversationIds.group(to);
    const message: OutgoingMessage = {
      localId: `${Date.now().toString(36)}-${(++this.localIds).toString(36)}`,
      convId,
      type,
      to,
      body,
      random: randomUint32(),
      state: 'sending',
      options,
      attempts: 0,
    };
    this.outbox.set(message.localId, message);
    this.pruneOutbox();
    remember(this.ownKeys, ownKey(convId, message.random));
    return this.attempt(message);
  }

  private attempt(message: OutgoingMessage): Promise<OutgoingMessage> {
    const retries = this.options.sendRetries ?? 3;
    const run = (async () => {
      message.error = undefined;
      this.setSendState(message, 'sending');
      for (;;) {
        message.attempts++;
        try {
          const reply = await this.client.request<SendMessageReply>(
            message.type === 'C2C' ? 'msg.send-c2c' : 'msg.send-group',
            {
              ...message.options,
              ...(message.type === 'C2C' ? { to: message.to } : { groupId: message.to }),
              body: message.body,
              random: message.random,
            },
          );
          this.onSent(message, reply);
          return message;
        } catch (err) {
          const error =
            err instanceof ImError ? err : new ImError(SdkErrorCodes.Timeout, String(err));
          const lost =
            error.code === SdkErrorCodes.Timeout || error.code === SdkErrorCodes.Disconnected;
          const busy = RETRYABLE_CODES.has(error.code);
          if (busy && message.attempts <= retries)
            await pause(Math.min(2000, 100 * 2 ** message.attempts));
          if (!(lost || busy) || message.attempts > retries || !(await this.whenConnected())) {
            message.error = { code: error.code, message: error.message };
            this.setSendState(message, 'failed');
            throw error;
          }
        }
      }
    })();
    let sends = this.sendsInFlight.get(message.convId);
    if (!sends) this.sendsInFlight.set(message.convId, (sends = new Set()));
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    sends.add(settled);
    void settled.then(() => {
      sends.delete(settled);
      if (sends.size === 0 && this.sendsInFlight.get(message.convId) === sends)
        this.sendsInFlight.delete(message.convId);
    });
    return run;
  }

  private onSent(message: OutgoingMessage, reply: SendMessageReply): void {
    message.seq = reply.seq;
    message.time = reply.time;
    message.msgKey = reply.msgKey;
    this.setSendState(message, 'sent');
    if (!Number.isInteger(reply.seq) || reply.seq < 1) return;
    const me = this.userId ?? '';
    const stored: ChatMessage = {
      convId: reply.convId || message.convId,
      type: message.type,
      seq: reply.seq,
      time: reply.time,
      random: message.random,
      msgKey: reply.msgKey,
      from: me,
      to: message.to,
      body: message.body,
      ...(message.options.cloudCustomData !== undefined
        ? { cloudCustomData: message.options.cloudCustomData }
        : {}),
    };
    this.noteInConversation(stored);
    const stream = this.streamOf(stored.convId);
    if (!stream.hasBaseline && this.initialSynced && isFirstOfC2c(stored)) stream.setBaseline(0);
    else if (!stream.hasBaseline && this.initialSynced && !this.isRoom(stored.convId))
      this.sync().catch((err: Error) => this.emit('error', err));
    stream.offer(stored, true);
  }

  private setSendState(message: OutgoingMessage, state: SendState): void {
    message.state = state;
    this.emit('send-state', { ...message });
  }

  /** Waits for the connection (true) or gives up after `sendRetryWaitMs` / a close (false). */
  private whenConnected(): Promise<boolean> {
    if (this.client.state === 'connected') return Promise.resolve(true);
    if (this.client.state === 'closed' || this.client.state === 'idle')
      return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.client.off('connected', onConnected);
        this.client.off('state', onState);
        resolve(ok);
      };
      const onConnected = () => done(true);
      const onState = (state: string) => state === 'closed' && done(false);
      const timer = setTimeout(() => done(false), this.options.sendRetryWaitMs ?? 30_000);
      this.client.on('connected', onConnected);
      this.client.on('state', onState);
    });
  }

  private async sendsSettled(convId: string): Promise<void> {
    const sends = this.sendsInFlight.get(convId);
    if (sends?.size) await Promise.all([...sends]);
  }

  private pruneOutbox(): void {
    const limit = this.options.outboxLimit ?? 1000;
    if (this.outbox.size <= limit) return;
    for (const [localId, message] of this.outbox) {
      if (this.outbox.size <= limit) return;
      if (message.state === 'sent') this.outbox.delete(localId);
    }
  }

  // ---------------------------------------------------------------- internals: list state

  /** A message (delivered or sent here) moves its conversation. */
  private noteInConversation(message: ChatMessage): void {
    const convId = message.convId;
    if (this.isRoom(convId)) return;
    const me = this.userId;
    const existing = this.convs.get(convId);
    const conv: ConversationState = existing ?? {
      convId,
      type: message.type,
      peer: peerOf(convId, me),
      lastSeq: 0,
      readSeq: 0,
      unread: 0,
      lastTime: 0,
      version: 0,
    };
    // Only a message beyond what the list knew counts as new (a catch-up was counted by sync).
    const isNew = message.seq > conv.lastSeq;
    if (message.seq >= conv.lastSeq) {
      conv.lastSeq = message.seq;
      conv.lastMessage = message;
      conv.lastTime = message.time;
    }
    if (message.from === me && message.seq > conv.readSeq) conv.readSeq = message.seq;
    conv.unread =
      isNew && message.from !== me && message.seq > conv.readSeq && !this.withoutUnread.has(convId)
        ? conv.unread + 1
        : Math.min(conv.unread, this.unreadOf(convId, conv.lastSeq, conv.readSeq));
    conv.isDeleted = false;
    this.convs.set(convId, conv);
    this.emit('conversation', { ...conv });
  }

  private applyRead(convId: string, readSeq: number, unread?: number): void {
    const conv = this.convs.get(convId);
    if (!conv) {
      this.emit('read', { convId, readSeq, unread: unread ?? 0 });
      return;
    }
    if (readSeq > conv.readSeq) conv.readSeq = readSeq;
    conv.unread =
      unread ?? Math.min(conv.unread, this.unreadOf(convId, conv.lastSeq, conv.readSeq));
    this.emit('conversation', { ...conv });
    this.emit('read', { convId, readSeq: conv.readSeq, unread: conv.unread });
  }

  /** lastSeq − readSeq, or 0 where the server keeps no unread count (T22). */
  private unreadOf(convId: string, lastSeq: number, readSeq: number): number {
    return this.withoutUnread.has(convId) ? 0 : Math.max(0, lastSeq - readSeq);
  }

  private onRecalled(event: RecalledEvent): void {
    if (typeof event.convId !== 'string' || !Number.isInteger(event.seq)) return;
    if (!remember(this.recalledKeys, `${event.convId}:${event.seq}`)) return;
    const conv = this.convs.get(event.convId);
    if (conv?.lastMessage?.seq === event.seq) {
      conv.lastMessage = { ...conv.lastMessage, isRecalled: true };
      this.emit('conversation', { ...conv });
    }
    this.emit('message-recalled', { convId: event.convId, seq: event.seq });
  }

  private onModified(message: ChatMessage): void {
    if (typeof message.convId !== 'string') return;
    const conv = this.convs.get(message.convId);
    if (conv?.lastMessage?.seq === message.seq) {
      conv.lastMessage = message;
      this.emit('conversation', { ...conv });
    }
    this.emit('message-modified', message);
  }

  private onConversationDeleted(convId: string): void {
    if (typeof convId !== 'string') return;
    if (this.convs.delete(convId)) this.emit('conversation-deleted', convId);
  }
}

/** 0.5 s, 1 s, 2 s, ... up to 15 s, each between half and the whole of it (spreads a storm). */
export function resumeBackoffMs(attempt: number, random = Math.random): number {
  return jittered(Math.min(15_000, 500 * 2 ** Math.min(attempt, 10)), random);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function ownKey(convId: string, random: number): string {
  return `${convId}:${random}`;
}

/** Seqs of a C2C conversation start at 1: its first message has nothing before it to fetch. */
function isFirstOfC2c(message: ChatMessage): boolean {
  return message.type === 'C2C' && message.seq === 1;
}

/** Adds a key to a bounded set; false when it was there already. */
function remember(set: Set<string>, key: string): boolean {
  if (set.has(key)) return false;
  set.add(key);
  if (set.size > REMEMBERED_KEYS) {
    const oldest = set.values().next();
    if (!oldest.done) set.delete(oldest.value);
  }
  return true;
}

function peerOf(convId: string, me: string | undefined): string {
  try {
    return ConversationIds.parse(convId, me).peer;
  } catch {
    return convId;
  }
}

function randomUint32(): number {
  const cryptoApi = (
    globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }
  ).crypto;
  if (cryptoApi?.getRandomValues) return cryptoApi.getRandomValues(new Uint32Array(1))[0];
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
}
