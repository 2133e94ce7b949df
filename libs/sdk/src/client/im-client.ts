import WebSocketNode from 'ws';

import { CloseCodes } from '@im/contracts';
import type { LoginResult, Platform, ServerFrame } from '@im/contracts';

import type {
  ClientCommandName,
  ClientCommandReply,
  ClientCommandRequest,
} from './client-commands';
import { Emitter } from './emitter';
import { ImError, SdkErrorCodes } from './im-error';

/** The part of the WebSocket API the client uses (browser `WebSocket` and `ws` both fit). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

export interface ImClientOptions {
  /**
   * `ws://host:port/ws`, or several gateway endpoints (`GET /endpoints`, GW-8): the client
   * uses the first that answers and moves on to the next one when a connection fails.
   */
  url: string | string[];
  sdkAppId: number;
  userId?: string;
  /** A UserSig, or a function that returns a fresh one (called at every login). */
  userSig?: string | (() => string | Promise<string>);
  platform?: Platform;
  /** A guest session (receive-only in live rooms), without userId/userSig. */
  guest?: boolean;
  requestTimeoutMs?: number;
  /** Reconnect after a lost connection (not after a kick or a refused login). Default true. */
  reconnect?: boolean;
  reconnectDelayMs?: { initial: number; max: number };
  /** How to open a socket (default: the browser's WebSocket, else the `ws` package). */
  socketFactory?: SocketFactory;
}

export type ClientState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Events of an ImClient with their listener signatures. */
export type ImClientEvents = {
  state: (state: ClientState) => void;
  /** Every server push (`cmd`, `data`), including those the messaging layer handles. */
  push: (cmd: string, data: unknown) => void;
  kicked: (reason: string | undefined) => void;
  /** After every successful login: the first one and each one after a reconnect. */
  connected: (login: LoginResult, isReconnect: boolean) => void;
  reconnected: (login: LoginResult) => void;
  disconnected: (code: number, reason: string) => void;
  'login-failed': (err: ImError) => void;
};

interface Pending {
  resolve: (data: unknown) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Close codes after which the client must not reconnect by itself (docs/protocol.md §5). */
const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCodes.KickedByLogin,
  CloseCodes.KickedByAdmin,
  CloseCodes.LoginFailed,
  CloseCodes.ProtocolError,
]);

/**
 * A login answered with one of these is tried again with back-off: 60008 the platform was too
 * busy to answer, 60018 the client's address holds as many guest sessions as the gateway allows.
 */
const LOGIN_RETRY_CODES: ReadonlySet<number> = new Set([60008, 60018]);

/** Close code the client uses when it drops a connection to open a new one (`reconnect()`). */
const CLIENT_RECONNECT_CLOSE = 4100;

/**
 * A client of the platform's WebSocket protocol (docs/protocol.md): login, requests matched by
 * `seq`, heartbeats, pushes as events, and automatic reconnection with back-off (across the
 * given endpoints) and a new login. Messaging (ordering, gap-fill, conversations) is ImChat.
 */
export class ImClient extends Emitter<ImClientEvents> {
  private socket?: SocketLike;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private heartbeat?: ReturnType<typeof setInterval>;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private attempts = 0;
  private stateValue: ClientState = 'idle';
  private login?: LoginResult;
  private readonly urls: string[];
  private urlIndex = 0;
  private hasConnected = false;

  constructor(private readonly options: ImClientOptions) {
    super();
    this.urls = Array.isArray(options.url) ? [...options.url] : [options.url];
    if (this.urls.length === 0) throw new Error('ImClient needs at least one url');
  }

  get state(): ClientState {
    return this.stateValue;
  }

  get session(): LoginResult | undefined {
    return this.login;
  }

  /** The logged-in user (undefined for guests). */
  get userId(): string | undefined {
    return this.options.guest ? undefined : this.options.userId;
  }

  get isGuest(): boolean {
    return this.options.guest === true;
  }

  /** The endpoint in use (or tried next). */
  get url(): string {
    return this.urls[this.urlIndex];
  }

  /** Opens the connection and logs in; rejects with the login's ImError when refused. */
  async connect(): Promise<LoginResult> {
    if (this.stateValue === 'closed') throw new ImError(SdkErrorCodes.Closed, 'client closed');
    this.setState('connecting');
    try {
      return await this.open();
    } catch (err) {
      if (this.stateValue === 'connecting') this.setState('idle');
      throw err;
    }
  }

  /** Sends a request and resolves with its `data`, or rejects with an ImError. */
  request<T = unknown>(cmd: string, data: object = {}): Promise<T> {
    const socket = this.socket;
    if (!socket || socket.readyState !== 1) {
      return Promise.reject(new ImError(SdkErrorCodes.Disconnected, 'not connected'));
    }
    // A new socket is not a session until its login is answered: a request sent on it before
    // would be refused by the gateway (70002, "log in first"), which is not the caller's fault.
    if (cmd !== 'login' && this.stateValue !== 'connected') {
      return Promise.reject(new ImError(SdkErrorCodes.Disconnected, 'not logged in yet'));
    }
    const seq = (this.seq = (this.seq % 0xfffffffe) + 1);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        reject(new ImError(SdkErrorCodes.Timeout, `${cmd} timed out`));
      }, this.options.requestTimeoutMs ?? 10_000);
      this.pending.set(seq, { resolve: resolve as (d: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ op: 'req', seq, cmd, data }));
    });
  }

  /**
   * A client command typed by its service contract (docs/protocol.md §7): profile, relation
   * chain, groups, push devices, ... e.g. `command('friend.add', { items: [...] })`.
   */
  command<C extends ClientCommandName>(
    cmd: C,
    data: ClientCommandRequest<C>,
  ): Promise<ClientCommandReply<C>> {
    return this.request<ClientCommandReply<C>>(cmd, data);
  }

  /** Registers this device's offline-push token (APNs, FCM or the app's webhook). */
  registerPushDevice(
    provider: ClientCommandRequest<'push.register-device'>['provider'],
    token: string,
    platform?: Platform,
  ): Promise<void> {
    return this.command('push.register-device', {
      provider,
      token,
      ...(platform ? { platform } : {}),
    }).then(() => undefined);
  }

  /** Forgets this device's offline-push token (e.g. at logout). */
  unregisterPushDevice(
    provider: ClientCommandRequest<'push.unregister-device'>['provider'],
    token: string,
  ): Promise<void> {
    return this.command('push.unregister-device', { provider, token }).then(() => undefined);
  }

  /**
   * Drops the current connection and reconnects at once (after a network change, GW-7): the
   * same path as a lost connection, without waiting for the heartbeat to notice.
   */
  reconnect(): void {
    if (this.stateValue !== 'connected') return;
    this.socket?.close(CLIENT_RECONNECT_CLOSE, 'reconnect');
  }

  /** Logs out and closes for good. */
  async close(): Promise<void> {
    if (this.stateValue === 'closed') return;
    const wasConnected = this.socket?.readyState === 1 && this.login !== undefined;
    if (wasConnected) await this.request('logout').catch(() => undefined);
    this.shutdown(new ImError(SdkErrorCodes.Closed, 'client closed'));
    this.socket?.close(CloseCodes.Normal, 'bye');
  }

  private async open(): Promise<LoginResult> {
    const url = this.urls[this.urlIndex];
    const socket = (this.options.socketFactory ?? defaultSocketFactory)(url);
    this.socket = socket;
    try {
      await new Promise<void>((resolve, reject) => {
        socket.onopen = () => resolve();
        socket.onerror = (ev) =>
          reject(new ImError(SdkErrorCodes.Disconnected, `cannot connect: ${describe(ev)}`));
        socket.onclose = (ev) =>
          reject(new ImError(SdkErrorCodes.Disconnected, `closed ${ev.code} ${ev.reason}`));
      });
    } catch (err) {
      // This endpoint is out of reach: the next attempt tries the next one.
      this.urlIndex = (this.urlIndex + 1) % this.urls.length;
      throw err;
    }
    socket.onmessage = (ev) => this.onMessage(String(ev.data));
    socket.onclose = (ev) => this.onClose(socket, ev.code, ev.reason);
    socket.onerror = () => undefined;
    const userSig =
      typeof this.options.userSig === 'function'
        ? await this.options.userSig()
        : this.options.userSig;
    let login: LoginResult;
    try {
      login = await this.request<LoginResult>('login', {
        sdkAppId: this.options.sdkAppId,
        platform: this.options.platform ?? 'Web',
        ...(this.options.guest ? { guest: true } : { userId: this.options.userId, userSig }),
      });
    } catch (err) {
      // No session on this socket: do not leave it open behind the next attempt.
      if (socket.readyState === 1) socket.close(CloseCodes.Normal, 'login failed');
      throw err;
    }
    this.login = login;
    this.attempts = 0;
    this.startHeartbeat(login.heartbeatIntervalMs);
    this.setState('connected');
    const isReconnect = this.hasConnected;
    this.hasConnected = true;
    this.emit('connected', login, isReconnect);
    return login;
  }

  private onMessage(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    this.onFrame(frame);
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.op) {
      case 'res': {
        const pending = this.pending.get(frame.seq);
        if (!pending) return;
        this.pending.delete(frame.seq);
        clearTimeout(pending.timer);
        if (frame.code === 0) pending.resolve(frame.data);
        else pending.reject(new ImError(frame.code, frame.msg, retryAfterOf(frame.retryAfterMs)));
        return;
      }
      case 'push':
        if (frame.cmd === 'kicked') this.emit('kicked', (frame.data as { reason?: string }).reason);
        this.emit('push', frame.cmd, frame.data);
        return;
      case 'batch':
        for (const inner of frame.frames) this.onFrame(inner as ServerFrame);
        return;
      case 'pong':
        return;
    }
  }

  private onClose(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return;
    // A final code ends a session; a socket whose login had not succeeded yet (the gateway cut
    // a slow login, or closed an attempt the client gave up) is only a failed attempt: a real
    // refusal comes as the login's answer code, and the reconnect logic acts on that.
    const hadSession = this.stateValue === 'connected';
    this.stopHeartbeat();
    this.failPending(new ImError(SdkErrorCodes.Disconnected, `connection closed (${code})`));
    this.emit('disconnected', code, reason);
    if (this.stateValue === 'closed') return;
    if ((hadSession && FINAL_CLOSE_CODES.has(code)) || this.options.reconnect === false) {
      this.shutdown();
      return;
    }
    // A first connect() reports its own failure; a reconnect attempt schedules the next one.
    if (this.stateValue === 'connecting') {
      this.setState('idle');
      return;
    }
    if (this.stateValue === 'reconnecting') return;
    if (code === CLIENT_RECONNECT_CLOSE) this.attempts = 0;
    this.scheduleReconnect(code === CLIENT_RECONNECT_CLOSE ? 0 : undefined);
  }

  private scheduleReconnect(delayMs?: number): void {
    this.setState('reconnecting');
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const { initial, max } = this.options.reconnectDelayMs ?? { initial: 500, max: 30_000 };
    const delay =
      delayMs ?? Math.min(max, initial * 2 ** this.attempts) * (0.5 + Math.random() / 2);
    this.attempts++;
    this.reconnectTimer = setTimeout(() => {
      if (this.stateValue === 'closed') return;
      this.open().then(
        (login) => this.emit('reconnected', login),
        (err: ImError) => {
          if (this.stateValue === 'closed') return;
          // A refused login (bad or revoked UserSig) will not get better by retrying; a
          // service that did not answer in time (60008) or a full address (60018) may.
          if (err.code > 0 && !LOGIN_RETRY_CODES.has(err.code)) {
            this.emit('login-failed', err);
            this.shutdown(err);
            this.socket?.close(CloseCodes.Normal, 'login failed');
          } else this.scheduleReconnect();
        },
      );
    }, delay);
  }

  private startHeartbeat(intervalMs: number): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => {
      if (this.socket?.readyState === 1) this.socket.send('{"op":"ping"}');
    }, intervalMs);
    (this.heartbeat as { unref?: () => void }).unref?.();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private shutdown(err?: Error): void {
    this.stopHeartbeat();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.failPending(err ?? new ImError(SdkErrorCodes.Closed, 'client closed'));
    this.setState('closed');
  }

  private failPending(err: Error): void {
    for (const [seq, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(seq);
    }
  }

  private setState(state: ClientState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.emit('state', state);
  }
}

function defaultSocketFactory(url: string): SocketLike {
  const Browser = (globalThis as { WebSocket?: new (url: string) => SocketLike }).WebSocket;
  if (Browser) return new Browser(url);
  return new WebSocketNode(url, { perMessageDeflate: true }) as unknown as SocketLike;
}

/** A server's retry hint when it is a sane one (a number of ms under an hour). */
function retryAfterOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 3_600_000
    ? value
    : undefined;
}

function describe(ev: unknown): string {
  const message = ev && typeof ev === 'object' && 'message' in ev ? ev.message : undefined;
  return typeof message === 'string' ? message : 'error';
}
