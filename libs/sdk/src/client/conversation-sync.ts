import type {
  ChatMessage,
  ConversationState,
  PullReply,
  SendMessageReply,
  SyncReply,
} from '@im/contracts';

import type { ChatEmit } from './chat-emit';
import type { ImChatOptions, OutgoingMessage } from './chat-types';
import type { ConversationList } from './conversation-list';
import {
  ConversationStream,
  ConversationStreamOptions,
  DEFAULT_STREAM_OPTIONS,
} from './conversation-stream';
import type { ImClient } from './im-client';
import type { MessageOutbox } from './message-outbox';

/**
 * The conversation list synced from the server (`msg.sync` pages after a cursor) and one
 * ConversationStream per conversation, which delivers its messages once and in seq order and
 * pulls the holes. Where each stream starts is decided here: a position the application
 * kept, the read position (`catchUp: 'unread'`), the latest (`'none'`), or for conversations
 * known only from pushes their first message.
 */
export class ConversationSync {
  private readonly streams = new Map<string, ConversationStream>();
  private readonly streamOptions: ConversationStreamOptions;
  private cursor = 0;
  private initialSynced = false;
  private syncing?: Promise<void>;
  private syncAgain = false;
  /** The next sync pages ask for messages inline (set by a sync after a login). */
  private inlineNext = false;

  constructor(
    private readonly client: ImClient,
    private readonly options: ImChatOptions,
    /** A live room or broadcast group joined: its messages keep no list state. */
    private readonly isRoom: (convId: string) => boolean,
    private readonly list: ConversationList,
    private readonly outbox: MessageOutbox,
    private readonly emit: ChatEmit,
  ) {
    this.streamOptions = { ...DEFAULT_STREAM_OPTIONS, ...options.stream };
  }

  /**
   * Syncs the list (changes since the cursor); a sync asked for meanwhile runs once more after.
   * `withMessages` (after a login): the answer also carries the conversations' newest unread
   * messages, so their holes need no pull.
   */
  sync(withMessages = false): Promise<void> {
    if (this.client.isGuest) return Promise.resolve();
    if (withMessages) this.inlineNext = true;
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

  /** A sync in the background: a failure is reported, the periodic sync tries again. */
  syncSoon(): void {
    this.sync().catch((err: Error) => this.emit('error', err));
  }

  /** After a login, and at each periodic sync: every stream pulls what it misses. */
  resumeStreams(): void {
    for (const stream of this.streams.values()) stream.resume();
  }

  /** Per conversation, the highest seq delivered without a hole. */
  positions(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [convId, stream] of this.streams)
      if (stream.position !== undefined) out[convId] = stream.position;
    return out;
  }

  position(convId: string): number | undefined {
    return this.streams.get(convId)?.position;
  }

  forget(convId: string): void {
    this.streams.delete(convId);
  }

  /** A stored message pushed by the server. */
  offerPushed(message: ChatMessage): void {
    const stream = this.streamOf(message.convId);
    if (!stream.hasBaseline) {
      // A live room starts where we came in; a C2C conversation's first message has nothing
      // before it; another new conversation waits until the sync knows it.
      if (this.isRoom(message.convId)) stream.setBaseline(message.seq - 1);
      else if (this.initialSynced && isFirstOfC2c(message)) stream.setBaseline(0);
      else if (this.initialSynced) this.syncSoon();
    }
    stream.offer(message);
  }

  /** A send of this client the server stored: it joins its conversation as delivered here. */
  offerSent(message: OutgoingMessage, reply: SendMessageReply): void {
    if (!Number.isInteger(reply.seq) || reply.seq < 1) return;
    const stored: ChatMessage = {
      convId: reply.convId || message.convId,
      type: message.type,
      seq: reply.seq,
      time: reply.time,
      random: message.random,
      msgKey: reply.msgKey,
      from: this.client.userId ?? '',
      to: message.to,
      body: message.body,
      ...(message.options.cloudCustomData !== undefined
        ? { cloudCustomData: message.options.cloudCustomData }
        : {}),
    };
    const isRoom = this.isRoom(stored.convId);
    if (!isRoom) this.list.noteMessage(stored);
    const stream = this.streamOf(stored.convId);
    if (!stream.hasBaseline && this.initialSynced && isFirstOfC2c(stored)) stream.setBaseline(0);
    else if (!stream.hasBaseline && this.initialSynced && !isRoom) this.syncSoon();
    stream.offer(stored, true);
  }

  /** A message the stream releases (once, in order) moves the list and is raised. */
  private deliver(message: ChatMessage): void {
    if (!this.isRoom(message.convId)) this.list.noteMessage(message);
    this.emit('message', message);
  }

  private async syncPages(): Promise<void> {
    const initial = !this.initialSynced;
    const limit = Math.min(500, Math.max(1, this.options.syncPageSize ?? 100));
    const withMessages = this.inlineWanted(initial);
    this.inlineNext = false;
    for (;;) {
      const reply = await this.client.request<SyncReply>('msg.sync', {
        cursor: this.cursor,
        limit,
        ...(withMessages > 0 && { withMessages }),
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

  /** Messages per conversation this sync asks inline (0: none). */
  private inlineWanted(initial: boolean): number {
    if (!this.inlineNext) return 0;
    // A first sync that starts every conversation at its end delivers nothing old.
    if (initial && this.options.catchUp === 'none' && !this.options.positions) return 0;
    const wanted = Math.floor(this.options.syncWithMessages ?? DEFAULT_SYNC_WITH_MESSAGES);
    return Number.isFinite(wanted) ? Math.min(100, Math.max(0, wanted)) : 0;
  }

  private applyState(synced: ConversationState, initial: boolean): void {
    if (this.isRoom(synced.convId)) return;
    const { messages, ...state } = synced;
    const stream = this.streamOf(state.convId);
    if (!stream.hasBaseline) stream.setBaseline(this.baselineOf(state, initial, stream));
    this.list.merge(state);
    // Messages answered inline count as pulled: the stream delivers them in order, drops
    // what it has, and pulls only what they leave missing up to lastSeq.
    for (const message of Array.isArray(messages) ? messages : [])
      if (message?.convId === state.convId) stream.offer(message);
    stream.noteLastSeq(state.lastSeq);
  }

  /** Where delivery of a conversation the sync reveals starts (the seq before the first). */
  private baselineOf(
    state: ConversationState,
    initial: boolean,
    stream: ConversationStream,
  ): number {
    const saved = this.options.positions?.[state.convId];
    const lowest = stream.lowestWaiting;
    if (saved !== undefined) return saved;
    if (state.isDeleted) return state.lastSeq;
    if (initial)
      return (this.options.catchUp ?? 'unread') === 'none' ? state.lastSeq : state.readSeq;
    return lowest !== undefined ? Math.min(state.readSeq, lowest - 1) : state.readSeq;
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
            message.from === this.client.userId &&
            this.outbox.isOwn(message.convId, message.random),
          settled: (id) => this.outbox.settled(id),
        },
        this.streamOptions,
      );
      this.streams.set(convId, stream);
    }
    return stream;
  }
}

/** Unread messages per conversation the sync after a login asks inline. */
const DEFAULT_SYNC_WITH_MESSAGES = 20;

/** Seqs of a C2C conversation start at 1: its first message has nothing before it to fetch. */
function isFirstOfC2c(message: ChatMessage): boolean {
  return message.type === 'C2C' && message.seq === 1;
}
