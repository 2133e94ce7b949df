import { ConversationIds } from '@im/contracts';
import type {
  ChatMessage,
  ConversationState,
  LoginResult,
  MsgElement,
  PullReply,
  SendMessageReply,
  SyncReply,
  SystemNotification,
} from '@im/contracts';

import type { SocketLike } from './im-client';

type Data = Record<string, unknown>;

/** A socket of the fake server; frames go both ways on the macrotask queue, in order. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  userId?: string;
  isGuest = false;
  readonly connId: string;
  readonly rooms = new Set<string>();

  constructor(
    private readonly server: FakeImServer,
    readonly url: string,
    connId: number,
  ) {
    this.connId = `conn-${connId}`;
    setImmediate(() => {
      if (server.isDown(url)) {
        this.readyState = 3;
        this.onerror?.({ message: 'ECONNREFUSED' });
        this.onclose?.({ code: 1006, reason: '' });
        return;
      }
      this.readyState = 1;
      server.attach(this);
      this.onopen?.({});
    });
  }

  send(text: string): void {
    if (this.readyState !== 1) throw new Error('socket not open');
    setImmediate(() => this.server.receive(this, text));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    this.server.detach(this);
    setImmediate(() => this.onclose?.({ code, reason }));
  }

  /** Server → client. */
  write(frame: unknown): void {
    if (this.readyState !== 1) return;
    const text = JSON.stringify(frame);
    setImmediate(() => {
      if (this.readyState === 1) this.onmessage?.({ data: text });
    });
  }
}

interface UserConv {
  readSeq: number;
  version: number;
  isDeleted: boolean;
}

/**
 * An in-memory platform speaking the client protocol (docs/protocol.md) for SDK unit tests:
 * login, the message commands with seqs, dedupe, sync cursors, pulls (asc and desc, passing
 * over numbers without a message), read sync, recall, conversation deletion and live rooms —
 * plus knobs to lose pushes or answers, skip seqs and drop connections.
 */
export class FakeImServer {
  readonly messages = new Map<string, ChatMessage[]>();
  readonly requests: { userId?: string; cmd: string; data: Data }[] = [];
  private readonly lastSeqs = new Map<string, number>();
  private readonly sent = new Map<string, SendMessageReply>();
  private readonly groups = new Map<string, string[]>();
  private readonly userConvs = new Map<string, Map<string, UserConv>>();
  private readonly versions = new Map<string, number>();
  private readonly sockets = new Set<FakeSocket>();
  private readonly down = new Set<string>();
  private readonly notifications = new Map<string, SystemNotification[]>();
  private notificationIds = 0;
  private connIds = 0;
  private clock = 1_700_000_000;

  /** Return true to lose a push on its way to a user. */
  dropPush: (userId: string, cmd: string, data: Data) => boolean = () => false;
  /** Return true to carry out a request but lose its answer (the client times out). */
  dropAnswer: (cmd: string, data: Data) => boolean = () => false;
  /** msg.sync `withMessages`: messages inline in one answer at most (the service's cap). */
  syncInlineMax = 500;
  /** Return a platform code to refuse a request with it (and a busy answer's retry hint). */
  refuse: (
    cmd: string,
    data: Data,
    userId?: string,
  ) => number | { code: number; retryAfterMs: number } | undefined = () => undefined;
  /** Push every message twice (a duplicate the client must drop). */
  duplicatePushes = false;

  readonly socketFactory = (url: string): SocketLike => new FakeSocket(this, url, ++this.connIds);

  isDown(url: string): boolean {
    return this.down.has(url) || this.down.has('*');
  }

  /** Refuses new connections (to one endpoint or all) until `up()`. */
  setDown(url = '*'): void {
    this.down.add(url);
  }

  up(url = '*'): void {
    this.down.delete(url);
  }

  attach(socket: FakeSocket): void {
    this.sockets.add(socket);
  }

  detach(socket: FakeSocket): void {
    this.sockets.delete(socket);
  }

  /** Open sockets of a user. */
  socketsOf(userId: string): FakeSocket[] {
    return [...this.sockets].filter((s) => s.userId === userId);
  }

  /** Drops the connections of a user (all when omitted) as a network loss would (1006). */
  disconnect(userId?: string, code = 1006): void {
    for (const s of [...this.sockets])
      if (userId === undefined || s.userId === userId) s.close(code, 'gone');
  }

  createGroup(groupId: string, members: string[]): void {
    this.groups.set(groupId, members);
  }

  /** Numbers a Redis restart would skip: the next message of the conversation comes `n` later. */
  skipSeqs(convId: string, n: number): void {
    this.lastSeqs.set(convId, (this.lastSeqs.get(convId) ?? 0) + n);
  }

  /** A text message sent by `from` without a client (as the App backend would). */
  sendText(from: string, to: string, text: string): ChatMessage {
    const reply = this.storeC2c(from, to, text2body(text), Math.floor(Math.random() * 2 ** 32));
    return this.stored(reply.convId, reply.seq);
  }

  stored(convId: string, seq: number): ChatMessage {
    const message = this.messages.get(convId)?.find((m) => m.seq === seq);
    if (!message) throw new Error(`no message ${convId} ${seq}`);
    return message;
  }

  /** Publishes a room message to the sockets in the room (as `conn.room.*` would). */
  sendToRoom(groupId: string, from: string, text: string): ChatMessage {
    const convId = ConversationIds.group(groupId);
    const message = this.store(convId, 'GROUP', from, groupId, text2body(text), 0);
    for (const s of this.sockets) if (s.rooms.has(groupId)) s.write(push('msg', message));
    return message;
  }

  /** A live room's notification: pushed to the sockets in the room with `id: 0`, not kept. */
  notifyRoom(groupId: string, kind: string, data: Data = {}): void {
    const notification = { id: 0, kind, time: ++this.clock, data: { groupId, ...data } };
    for (const s of this.sockets) if (s.rooms.has(groupId)) s.write(push('notify', notification));
  }

  /** A system notification for a user: kept (for `notify.get`) and pushed to its sessions. */
  notify(userId: string, kind: string, data: Data = {}): SystemNotification {
    const notification = { id: ++this.notificationIds, kind, time: ++this.clock, data };
    this.notifications.set(userId, [...(this.notifications.get(userId) ?? []), notification]);
    this.pushTo([userId], 'notify', notification);
    return notification;
  }

  receive(socket: FakeSocket, text: string): void {
    const frame = JSON.parse(text) as { op: string; seq?: number; cmd?: string; data?: Data };
    if (frame.op === 'ping') {
      socket.write({ op: 'pong', time: Date.now() });
      return;
    }
    if (frame.op !== 'req' || frame.seq === undefined || !frame.cmd) return;
    const data = frame.data ?? {};
    this.requests.push({ userId: socket.userId, cmd: frame.cmd, data });
    const refusal = this.refuse(frame.cmd, data, socket.userId);
    if (typeof refusal === 'number') {
      socket.write({ op: 'res', seq: frame.seq, code: refusal, msg: 'refused' });
      return;
    }
    if (refusal !== undefined) {
      socket.write({ op: 'res', seq: frame.seq, ...refusal, msg: 'busy' });
      return;
    }
    let answer: unknown;
    try {
      answer = this.handle(socket, frame.cmd, data);
    } catch (err) {
      socket.write({ op: 'res', seq: frame.seq, code: 60002, msg: (err as Error).message });
      return;
    }
    if (this.dropAnswer(frame.cmd, data)) return;
    socket.write({ op: 'res', seq: frame.seq, code: 0, msg: '', data: answer });
    if (frame.cmd === 'logout') socket.close(1000, 'logout');
  }

  private handle(socket: FakeSocket, cmd: string, data: Data): unknown {
    if (cmd === 'login') {
      socket.isGuest = data.guest === true;
      if (!socket.isGuest) socket.userId = String(data.userId);
      const login: LoginResult = {
        connId: socket.connId,
        nodeId: 'fake',
        heartbeatIntervalMs: 30_000,
        serverTime: Date.now(),
        kickedPlatforms: [],
      };
      return login;
    }
    const me = socket.userId;
    if (cmd === 'room.join' || cmd === 'room.leave') {
      const groupId = String(data.groupId);
      if (cmd === 'room.join') socket.rooms.add(groupId);
      else socket.rooms.delete(groupId);
      return cmd === 'room.join' ? { groupId, type: 'AVChatRoom', outcome: 'joined' } : {};
    }
    if (me === undefined) throw new Error('guests only receive');
    switch (cmd) {
      case 'logout':
        return {};
      case 'msg.send-c2c':
        return this.storeC2c(
          me,
          String(data.to),
          data.body as MsgElement[],
          Number(data.random),
          socket,
        );
      case 'msg.send-group':
        return this.storeGroup(
          me,
          String(data.groupId),
          data.body as MsgElement[],
          Number(data.random),
          socket,
        );
      case 'msg.sync':
        return this.sync(
          me,
          Number(data.cursor ?? 0),
          Number(data.limit ?? 100),
          Number(data.withMessages ?? 0),
        );
      case 'msg.pull':
        return this.pull(
          String(data.convId),
          Number(data.fromSeq),
          Number(data.limit ?? 20),
          data.order === 'desc' ? 'desc' : 'asc',
        );
      case 'msg.read':
        return this.read(me, String(data.convId), Number(data.seq), socket);
      case 'msg.recall':
        return this.recall(me, String(data.convId), Number(data.seq), socket);
      case 'notify.get': {
        const after = Number(data.afterId ?? 0);
        const all = (this.notifications.get(me) ?? []).filter((n) => n.id > after);
        const limit = Number(data.limit ?? 100);
        return { notifications: all.slice(0, limit), hasMore: all.length > limit };
      }
      case 'msg.edit': {
        const message = this.stored(String(data.convId), Number(data.seq));
        if (data.body) message.body = data.body as MsgElement[];
        message.editedAt = ++this.clock;
        const members =
          message.type === 'GROUP'
            ? (this.groups.get(message.to) ?? [])
            : [message.from, message.to];
        this.pushTo(members, 'msg.modified', message, socket);
        return {};
      }
      case 'conv.delete': {
        const convId = String(data.convId);
        this.touch(me, convId).isDeleted = true;
        this.pushTo([me], 'conv.deleted', { convId }, socket);
        return {};
      }
      default:
        throw new Error(`unknown command ${cmd}`);
    }
  }

  private storeC2c(
    from: string,
    to: string,
    body: MsgElement[],
    random: number,
    socket?: FakeSocket,
  ): SendMessageReply {
    const convId = ConversationIds.c2c(from, to);
    const earlier = this.sent.get(`${convId}:${from}:${random}`);
    if (earlier) return { ...earlier, isDuplicate: true };
    const message = this.store(convId, 'C2C', from, to, body, random);
    for (const user of new Set([from, to])) {
      const conv = this.touch(user, convId);
      conv.isDeleted = false;
      if (user === from) conv.readSeq = message.seq;
    }
    this.pushTo([to, from], 'msg', message, socket);
    return this.answer(message, from);
  }

  private storeGroup(
    from: string,
    groupId: string,
    body: MsgElement[],
    random: number,
    socket?: FakeSocket,
  ): SendMessageReply {
    const members = this.groups.get(groupId) ?? [];
    const convId = ConversationIds.group(groupId);
    const earlier = this.sent.get(`${convId}:${from}:${random}`);
    if (earlier) return { ...earlier, isDuplicate: true };
    const message = this.store(convId, 'GROUP', from, groupId, body, random);
    for (const user of members) {
      const conv = this.touch(user, convId);
      conv.isDeleted = false;
      if (user === from) conv.readSeq = message.seq;
    }
    this.pushTo(members, 'msg', message, socket);
    return this.answer(message, from);
  }

  private store(
    convId: string,
    type: 'C2C' | 'GROUP',
    from: string,
    to: string,
    body: MsgElement[],
    random: number,
  ): ChatMessage {
    const seq = (this.lastSeqs.get(convId) ?? 0) + 1;
    this.lastSeqs.set(convId, seq);
    const time = ++this.clock;
    const message: ChatMessage = {
      convId,
      type,
      seq,
      time,
      random,
      msgKey: type === 'C2C' ? `${seq}_${random}_${time}` : String(seq),
      from,
      to,
      body,
    };
    const list = this.messages.get(convId) ?? [];
    list.push(message);
    this.messages.set(convId, list);
    return message;
  }

  private answer(message: ChatMessage, from: string): SendMessageReply {
    const reply = {
      convId: message.convId,
      seq: message.seq,
      time: message.time,
      msgKey: message.msgKey,
      isDuplicate: false,
    };
    this.sent.set(`${message.convId}:${from}:${message.random}`, reply);
    return reply;
  }

  private touch(userId: string, convId: string): UserConv {
    let convs = this.userConvs.get(userId);
    if (!convs) this.userConvs.set(userId, (convs = new Map<string, UserConv>()));
    let conv = convs.get(convId);
    if (!conv) convs.set(convId, (conv = { readSeq: 0, version: 0, isDeleted: false }));
    const version = (this.versions.get(userId) ?? 0) + 1;
    this.versions.set(userId, version);
    conv.version = version;
    return conv;
  }

  private stateOf(userId: string, convId: string, conv: UserConv): ConversationState {
    const list = this.messages.get(convId) ?? [];
    const lastMessage = list[list.length - 1];
    const lastSeq = this.lastSeqs.get(convId) ?? 0;
    return {
      convId,
      type: convId.startsWith('group:') ? 'GROUP' : 'C2C',
      peer: ConversationIds.parse(convId, userId).peer,
      lastSeq,
      readSeq: conv.readSeq,
      unread: Math.max(0, lastSeq - conv.readSeq),
      lastTime: lastMessage?.time ?? 0,
      lastMessage,
      version: conv.version,
      ...(conv.isDeleted ? { isDeleted: true } : {}),
    };
  }

  private sync(userId: string, cursor: number, limit: number, withMessages: number): SyncReply {
    const changed = [...(this.userConvs.get(userId) ?? new Map<string, UserConv>()).entries()]
      .filter(([, c]) => c.version > cursor)
      .sort((a, b) => a[1].version - b[1].version);
    const page = changed.slice(0, limit);
    const conversations = page.map(([convId, c]) => this.stateOf(userId, convId, c));
    // withMessages: each conversation's newest unread ones, until `syncInlineMax` in all.
    let room = this.syncInlineMax;
    let messagesCut = false;
    for (const state of withMessages > 0 ? conversations : []) {
      if (state.isDeleted) continue;
      const unread = (this.messages.get(state.convId) ?? []).filter((m) => m.seq > state.readSeq);
      const newest = unread.slice(-withMessages);
      const taken = newest.slice(Math.max(0, newest.length - room));
      if (taken.length < newest.length) messagesCut = true;
      room -= taken.length;
      if (taken.length) state.messages = taken;
      if (messagesCut) break;
    }
    return {
      conversations,
      cursor: page.length ? page[page.length - 1][1].version : cursor,
      hasMore: changed.length > page.length,
      ...(messagesCut && { messagesCut }),
    };
  }

  private pull(convId: string, fromSeq: number, limit: number, order: 'asc' | 'desc'): PullReply {
    const list = this.messages.get(convId) ?? [];
    const lastSeq = this.lastSeqs.get(convId) ?? 0;
    if (order === 'asc') {
      const page = list.filter((m) => m.seq >= fromSeq).slice(0, limit);
      const last = page[page.length - 1];
      const nextSeq = last ? last.seq + 1 : Math.max(fromSeq, lastSeq + 1);
      return { messages: page, nextSeq, isComplete: !list.some((m) => m.seq >= nextSeq) };
    }
    const page = list
      .filter((m) => m.seq <= fromSeq)
      .reverse()
      .slice(0, limit);
    const last = page[page.length - 1];
    const nextSeq = last ? last.seq - 1 : 0;
    return { messages: page, nextSeq, isComplete: !list.some((m) => m.seq <= nextSeq) };
  }

  private read(userId: string, convId: string, seq: number, socket: FakeSocket) {
    const conv = this.touch(userId, convId);
    conv.readSeq = Math.max(conv.readSeq, Math.min(seq, this.lastSeqs.get(convId) ?? 0));
    const event = { convId, userId, readSeq: conv.readSeq };
    this.pushTo([userId], 'msg.read', event, socket);
    if (!convId.startsWith('group:'))
      this.pushTo([ConversationIds.parse(convId, userId).peer], 'msg.read', event);
    return { readSeq: conv.readSeq, unread: this.stateOf(userId, convId, conv).unread };
  }

  private recall(userId: string, convId: string, seq: number, socket: FakeSocket) {
    const message = this.stored(convId, seq);
    message.isRecalled = true;
    const members = convId.startsWith('group:')
      ? (this.groups.get(convId.slice('group:'.length)) ?? [])
      : (ConversationIds.parse(convId, userId).members ?? []);
    this.pushTo(members, 'msg.recalled', { convId, seq }, socket);
    return {};
  }

  private pushTo(userIds: string[], cmd: string, data: object, except?: FakeSocket): void {
    for (const s of this.sockets) {
      if (s === except || s.userId === undefined || !userIds.includes(s.userId)) continue;
      if (this.dropPush(s.userId, cmd, data as Data)) continue;
      s.write(push(cmd, data));
      if (this.duplicatePushes) s.write(push(cmd, data));
    }
  }
}

function push(cmd: string, data: unknown) {
  return { op: 'push', cmd, data };
}

export function text2body(text: string): MsgElement[] {
  return [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }];
}

export function textOf(message: { body: MsgElement[] }): string {
  const value = message.body[0]?.MsgContent.Text;
  return typeof value === 'string' ? value : '';
}
