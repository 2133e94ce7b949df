import { ConversationIds } from '@im/contracts';
import type {
  ChatMessage,
  ContactGroupsReply,
  ContactsChangedPushData,
  CreateContactGroupReply,
  DeleteContactGroupsReply,
  MarkContactsReply,
  UpdateContactGroupReply,
  ConversationState,
  ConversationType,
  GetExtensionsReply,
  GroupReceiptCount,
  LoginResult,
  MsgElement,
  PullReply,
  ReadReply,
  SetExtensionsReply,
  SystemNotification,
} from '@im/contracts';

import { remember } from './bounded-set';
import type { ChatEmit } from './chat-emit';
import {
  ChatPushCommands,
  ExtensionsChangedEvent,
  GroupCounterChange,
  HistoryPage,
  ImChatEvents,
  ImChatOptions,
  MessageReceiptEvent,
  OutgoingMessage,
  ReadReceiptEvent,
  ReceiptMembersPage,
  RecalledEvent,
  RoomJoinResult,
  SendMediaOptions,
  SendMessageOptions,
} from './chat-types';
import type { MediaKind, UploadOptions, UploadResult, UploadSource } from '../media/media-uploader';
import { ConversationList } from './conversation-list';
import { ConversationSync } from './conversation-sync';
import { Emitter } from './emitter';
import type { ImClient } from './im-client';
import { ImError, isBusy, jittered, RETRYABLE_CODES, retryDelayMs } from './im-error';
import { MessageOutbox, pause } from './message-outbox';
import { NotificationFeed } from './notification-feed';

/**
 * The messaging layer over an ImClient (docs/protocol.md §7, §8, §10, §11): sends with a random reused on
 * retry and send states; `message` events once and in order per conversation (holes pulled
 * before what follows them); the conversation list with unread counts; history; read reports
 * synced across the user's devices; recall; live rooms; and after every (re)login a sync of the
 * conversations and a gap-fill of each, so nothing sent meanwhile is lost or shown twice (GW-7).
 */
export class ImChat extends Emitter<ImChatEvents> {
  private readonly list: ConversationList;
  private readonly outbox: MessageOutbox;
  private readonly notifications: NotificationFeed;
  private readonly conversationSync: ConversationSync;
  private readonly roomGroups = new Set<string>();
  private readonly recalledKeys = new Set<string>();
  private readonly onlineOnlyKeys = new Set<string>();
  private resuming?: Promise<void>;
  /** Bumped by each login: a retrying resume of an older login stops. */
  private resumeGeneration = 0;
  private syncTimer?: ReturnType<typeof setInterval>;

  constructor(
    readonly client: ImClient,
    private readonly options: ImChatOptions = {},
  ) {
    super();
    const emit: ChatEmit = (event, ...args) => {
      const heard = this.emit(event, ...args);
      if (event === 'notify') this.onNotification(args[0] as SystemNotification);
      return heard;
    };
    this.list = new ConversationList(emit, () => this.userId);
    this.notifications = new NotificationFeed(client, emit, options.notificationsAfterId);
    this.outbox = new MessageOutbox(client, options, {
      stateChanged: (message) => this.emit('send-state', { ...message }),
      sent: (message, reply) => this.conversationSync.offerSent(message, reply),
    });
    const isRoom = (convId: string) => this.isRoom(convId);
    this.conversationSync = new ConversationSync(
      client,
      options,
      isRoom,
      this.list,
      this.outbox,
      emit,
    );
    client.on('push', (cmd, data) => this.onPush(cmd, data));
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
    return this.list.list();
  }

  conversation(convId: string): ConversationState | undefined {
    return this.list.get(convId);
  }

  /** Total unread over the conversation list. */
  totalUnread(): number {
    return this.conversations().reduce((sum, c) => sum + c.unread, 0);
  }

  /**
   * Syncs the conversation list now (changes since the last sync) and fills what it reveals,
   * and any hole still open (a gap-fill that gave up while the platform was busy).
   */
  async refresh(): Promise<void> {
    await this.conversationSync.sync();
    this.conversationSync.resumeStreams();
  }

  /** Removes a conversation from the user's list on every device (messages stay, MSG-3). */
  async deleteConversation(convId: string): Promise<void> {
    await this.client.request('conv.delete', { convId });
    this.onConversationDeleted(convId);
  }

  /**
   * Pins a conversation to the top of the user's list, or unpins it (at most 50 pinned); the
   * user's devices see `isPinned` at their next sync.
   */
  async pinConversation(convId: string, isPinned: boolean): Promise<void> {
    await this.client.request('conv.pin', { convId, isPinned });
  }

  /**
   * Sets/clears standard mark bits (0–63) and/or replaces the custom mark of conversations
   * (`conv.mark`); the user's other devices get `contacts-changed`.
   */
  markConversations(
    items: { convId: string; setBits?: number[]; clearBits?: number[]; customMark?: string }[],
  ): Promise<MarkContactsReply> {
    return this.client.request('conv.mark', { items });
  }

  /** Creates a conversation group holding `convIds` (at most 20 groups, names ≤ 32 bytes). */
  createConversationGroup(name: string, convIds: string[] = []): Promise<CreateContactGroupReply> {
    return this.client.request('conv.group-create', { name, convIds });
  }

  /** Renames a conversation group. */
  renameConversationGroup(oldName: string, newName: string): Promise<UpdateContactGroupReply> {
    return this.client.request('conv.group-update', { kind: 'rename', oldName, newName });
  }

  /** Adds conversations to a group and takes others out of it. */
  updateConversationGroup(
    name: string,
    changes: { op: 'add' | 'remove'; convId: string }[],
  ): Promise<UpdateContactGroupReply> {
    return this.client.request('conv.group-update', { kind: 'members', oldName: name, changes });
  }

  /** Deletes conversation groups by name (they leave every conversation). */
  deleteConversationGroups(names: string[]): Promise<DeleteContactGroupsReply> {
    return this.client.request('conv.group-delete', { names });
  }

  /** A page of the user's marked or grouped conversations, with all the groups. */
  getConversationGroups(startIndex = 0): Promise<ContactGroupsReply> {
    return this.client.request('conv.group-get', { startIndex });
  }

  /** The marks and groups of given conversations. */
  searchConversationGroups(convIds: string[]): Promise<ContactGroupsReply> {
    return this.client.request('conv.group-search', { convIds });
  }

  /**
   * Per conversation, the highest seq delivered without a hole: keep it with a local message
   * cache and pass it back as `positions` to resume there.
   */
  positions(): Record<string, number> {
    return this.conversationSync.positions();
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

  /**
   * Uploads an image (png, jpeg, gif, webp; ≤ 28 MB) to the media service and sends it as a
   * `TIMImageElem` with its original, large and thumbnail URLs. Progress comes to
   * `options.onProgress` and as `upload-progress` events; `options.signal` cancels.
   */
  sendImage(to: string, file: UploadSource, options: SendMediaOptions): Promise<OutgoingMessage> {
    return this.sendMedia('image', to, file, options);
  }

  /** Uploads a file (≤ 100 MB) and sends it as a `TIMFileElem`. */
  sendFile(to: string, file: UploadSource, options: SendMediaOptions): Promise<OutgoingMessage> {
    return this.sendMedia('file', to, file, options);
  }

  /** Uploads a voice recording (audio/…) and sends it as a `TIMSoundElem` (`second` = length). */
  sendSound(to: string, file: UploadSource, options: SendMediaOptions): Promise<OutgoingMessage> {
    return this.sendMedia('sound', to, file, options);
  }

  /**
   * Uploads a video (video/…) and sends it as a `TIMVideoFileElem`; the cover is not made by
   * the server: pass `cover` (an image) to fill the Thumb* fields.
   */
  async sendVideo(
    to: string,
    file: UploadSource,
    options: SendMediaOptions & { cover?: { source: UploadSource; contentType: string } },
  ): Promise<OutgoingMessage> {
    let thumb: Record<string, unknown> = {};
    if (options.cover) {
      const cover = await this.upload('image', to, options.cover.source, {
        contentType: options.cover.contentType,
        signal: options.signal,
      });
      const content = cover.Element.MsgContent as {
        UUID: string;
        ImageInfoArray: {
          Type: number;
          Size: number;
          Width: number;
          Height: number;
          URL: string;
        }[];
      };
      const info = content.ImageInfoArray.find((i) => i.Type === 3) ?? content.ImageInfoArray[0];
      thumb = {
        ThumbUrl: info.URL,
        ThumbUUID: content.UUID,
        ThumbSize: info.Size,
        ThumbWidth: info.Width,
        ThumbHeight: info.Height,
        ThumbFormat: cover.ContentType.split('/')[1] ?? '',
        ThumbDownloadFlag: 2,
      };
    }
    const video = await this.upload('video', to, file, options);
    return this.sendUploaded(to, video, options, thumb);
  }

  private async sendMedia(
    kind: MediaKind,
    to: string,
    file: UploadSource,
    options: SendMediaOptions,
  ): Promise<OutgoingMessage> {
    return this.sendUploaded(to, await this.upload(kind, to, file, options), options);
  }

  private upload(
    kind: MediaKind,
    to: string,
    file: UploadSource,
    options: UploadOptions,
  ): Promise<UploadResult> {
    if (!this.options.media)
      return Promise.reject(
        new Error('ImChat needs options.media (a MediaUploader) to send media'),
      );
    return this.options.media.upload(kind, file, {
      ...options,
      onProgress: (progress) => {
        options.onProgress?.(progress);
        this.emit('upload-progress', { to, kind, ...progress });
      },
    });
  }

  private sendUploaded(
    to: string,
    uploaded: UploadResult,
    options: SendMediaOptions,
    extra: Record<string, unknown> = {},
  ): Promise<OutgoingMessage> {
    const element = {
      MsgType: uploaded.Element.MsgType,
      MsgContent: { ...uploaded.Element.MsgContent, ...extra },
    };
    const send: SendMessageOptions = { ...options };
    for (const key of [
      'contentType',
      'fileName',
      'second',
      'signal',
      'onProgress',
      'conversationType',
      'cover',
    ])
      delete (send as Record<string, unknown>)[key];
    return this.send(options.conversationType ?? 'C2C', to, [element], send);
  }

  /** Sends a failed message again, with its original random (stored once whatever happened). */
  resend(localId: string): Promise<OutgoingMessage> {
    return this.outbox.resend(localId);
  }

  /** Messages this client sent (sending, sent and failed), oldest first (MSG-12). */
  outgoing(): OutgoingMessage[] {
    return this.outbox.list();
  }

  /** Forgets a failed message of `outgoing()` (local only). */
  discard(localId: string): void {
    this.outbox.discard(localId);
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reports the conversation read up to `seq` (default: everything received); the server
   * syncs it to the user's other devices. Resolves with the new read position and unread.
   */
  async markRead(convId: string, seq?: number): Promise<ReadReply> {
    const conv = this.list.get(convId);
    const upTo = seq ?? Math.max(conv?.lastSeq ?? 0, this.conversationSync.position(convId) ?? 0);
    if (upTo < 1) return { readSeq: conv?.readSeq ?? 0, unread: conv?.unread ?? 0 };
    const reply = await this.client.request<ReadReply>('msg.read', { convId, seq: upTo });
    this.list.applyRead(convId, reply.readSeq, reply.unread);
    return reply;
  }

  /**
   * Sends read receipts for messages of a conversation (others' messages; in C2C those sent to
   * this user): their senders' devices get `message-receipt`. Resolves with the seqs taken
   * (own, recalled and unknown messages are skipped).
   */
  async sendReceipts(convId: string, seqs: number[]): Promise<number[]> {
    const reply = await this.client.request<{ seqs: number[] }>('msg.send-receipt', {
      convId,
      seqs,
    });
    return reply.seqs;
  }

  /** Read and unread member counts of group messages (≤ 100 seqs; unknown seqs left out). */
  async getGroupReceipts(groupId: string, seqs: number[]): Promise<GroupReceiptCount[]> {
    const reply = await this.client.request<{ receipts: GroupReceiptCount[] }>('msg.get-receipts', {
      groupId,
      seqs,
    });
    return reply.receipts;
  }

  /**
   * A page of the members who read (`read`) or did not read (`unread`) a group message this
   * user sent: pass the page's `cursor` back for the next one (any group size, ≤ 200 a page).
   */
  async getGroupReceiptMembers(
    groupId: string,
    seq: number,
    filter: 'read' | 'unread',
    options: { cursor?: string; count?: number } = {},
  ): Promise<ReceiptMembersPage> {
    return this.client.request<ReceiptMembersPage>('msg.get-receipt-members', {
      groupId,
      seq,
      filter,
      cursor: options.cursor ?? '',
      count: Math.min(200, Math.max(1, options.count ?? 100)),
    });
  }

  /**
   * Sets (or, `delete`, removes) key/values of a message: each item names the `seq` of the key
   * last seen (0 for a new key). A key written meanwhile answers code 23001 with its stored
   * value in its result; the others are written. Members online get `extensions-changed`.
   */
  setExtensions(
    convId: string,
    seq: number,
    operation: 'set' | 'delete',
    items: { key: string; value?: string; seq: number }[],
  ): Promise<SetExtensionsReply> {
    return this.client.request<SetExtensionsReply>('msg.set-extensions', {
      convId,
      seq,
      operation,
      items,
    });
  }

  /** Removes every key/value of a message. */
  clearExtensions(convId: string, seq: number): Promise<SetExtensionsReply> {
    return this.client.request<SetExtensionsReply>('msg.set-extensions', {
      convId,
      seq,
      operation: 'clear',
    });
  }

  /** A message's key/values with `seq` ≥ `startSeq` (200 a call; again while not complete). */
  getExtensions(convId: string, seq: number, startSeq = 0): Promise<GetExtensionsReply> {
    return this.client.request<GetExtensionsReply>('msg.get-extensions', {
      convId,
      seq,
      startSeq,
    });
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
    const position = this.conversationSync.position(convId) ?? 0;
    const latest = Math.max(this.list.get(convId)?.lastSeq ?? 0, position);
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
    return this.notifications.cursor();
  }

  /** Recalls a message; online clients of the conversation get `message-recalled`. */
  async recall(convId: string, seq: number): Promise<void> {
    await this.client.request('msg.recall', { convId, seq });
    this.onRecalled({ convId, seq });
  }

  // ---------------------------------------------------------------- groups

  /**
   * A group's counters (all of them, or those of `keys` that exist) as `{key: value}`; for its
   * members. Changes arrive as `group-counter-changed` events.
   */
  async getGroupCounters(groupId: string, keys?: string[]): Promise<Record<string, number>> {
    const reply = await this.client.command('group.get-counter', {
      groupId,
      ...(keys && { keys }),
    });
    return Object.fromEntries(reply.counters.map(({ key, value }) => [key, value]));
  }

  private onNotification(notification: SystemNotification): void {
    if (notification.kind !== 'group.counter-changed') return;
    const d = notification.data;
    this.emit('group-counter-changed', {
      groupId: String(d.groupId),
      op: d.op as GroupCounterChange['op'],
      counters: Array.isArray(d.counters) ? (d.counters as GroupCounterChange['counters']) : [],
      deletedKeys: Array.isArray(d.deletedKeys) ? (d.deletedKeys as string[]) : [],
    });
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
    this.conversationSync.forget(ConversationIds.group(groupId));
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
    this.notifications.noteLogin(login);
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
          // not before the platform's own hint when it answered busy (60018, retryAfterMs)
          await pause(Math.max(resumeBackoffMs(attempt), retryDelayMs(err, 0)));
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
    if (!this.client.isGuest) await this.conversationSync.sync(true);
    this.conversationSync.resumeStreams();
    if (!this.client.isGuest)
      await this.notifications.fetchMissed().catch((err: Error) => this.emit('error', err));
  }

  private startSyncTimer(): void {
    const every = this.options.syncIntervalMs ?? 60_000;
    if (this.syncTimer || every <= 0 || this.client.isGuest) return;
    this.syncTimer = setInterval(() => {
      if (this.client.state !== 'connected') return;
      this.conversationSync.syncSoon();
      // A hole whose gap-fill gave up (the platform busy for longer than its retries) is not
      // in the sync's answer when nothing changed since: pull it again now.
      this.conversationSync.resumeStreams();
    }, every);
    (this.syncTimer as { unref?: () => void }).unref?.();
  }

  private stopSyncTimer(): void {
    if (this.syncTimer) clearInterval(this.syncTimer);
    this.syncTimer = undefined;
  }

  // ---------------------------------------------------------------- internals: pushes

  private isRoom(convId: string): boolean {
    return convId.startsWith('group:') && this.roomGroups.has(convId.slice('group:'.length));
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
        if (read.userId === this.userId) this.list.applyRead(read.convId, read.readSeq);
        else this.emit('read-receipt', { ...read });
        return;
      }
      case ChatPushCommands.ExtensionsChanged:
        this.emit('extensions-changed', { ...(data as ExtensionsChangedEvent) });
        return;
      case ChatPushCommands.Receipt:
        this.emit('message-receipt', { ...(data as MessageReceiptEvent) });
        return;
      case ChatPushCommands.ConversationDeleted:
        this.onConversationDeleted((data as { convId: string }).convId);
        return;
      case ChatPushCommands.Modified:
        this.onModified(data as ChatMessage);
        return;
      case ChatPushCommands.Deleted:
        this.list.noteDeleted(data);
        return;
      case ChatPushCommands.Notify:
        this.notifications.offer(data as SystemNotification);
        return;
      case ChatPushCommands.ContactsChanged:
        this.emit('contacts-changed', data as ContactsChangedPushData);
        // the conversations' states carry the marks: fetch them
        this.conversationSync.syncSoon();
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
    this.conversationSync.offerPushed(message);
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
    return this.outbox.send(me, type, to, body, options);
  }

  // ---------------------------------------------------------------- internals: list state

  private onRecalled(event: RecalledEvent): void {
    if (typeof event.convId !== 'string' || !Number.isInteger(event.seq)) return;
    if (!remember(this.recalledKeys, `${event.convId}:${event.seq}`)) return;
    this.list.noteRecalled(event.convId, event.seq);
    this.emit('message-recalled', { convId: event.convId, seq: event.seq });
  }

  private onModified(message: ChatMessage): void {
    if (typeof message.convId !== 'string') return;
    this.list.noteModified(message);
    this.emit('message-modified', message);
  }

  private onConversationDeleted(convId: string): void {
    if (typeof convId !== 'string') return;
    this.list.remove(convId);
  }
}

/** 0.5 s, 1 s, 2 s, ... up to 15 s, each between half and the whole of it (spreads a storm). */
export function resumeBackoffMs(attempt: number, random = Math.random): number {
  return jittered(Math.min(15_000, 500 * 2 ** Math.min(attempt, 10)), random);
}
