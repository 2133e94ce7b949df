import type { WebSocket } from 'ws';

import { CloseCodes, Platform, ProtocolLimits, ServerFrame } from '@im/contracts';

/** One WebSocket connection and what the gateway knows about it. */
export class Session {
  sdkAppId?: number;
  userId?: string;
  platform?: Platform;
  isGuest = false;
  isLoggedIn = false;
  /** Epoch ms of the login; `since` of its presence entry. */
  since = 0;
  /** Epoch ms of the last frame received. */
  lastSeen = Date.now();
  inFlight = 0;
  /** A `login` request of this connection is being worked on. */
  loggingIn = false;
  /** Group IDs of the live rooms / broadcast groups this session joined (room.join). */
  readonly rooms = new Set<string>();
  closing = false;

  constructor(
    readonly connId: string,
    private readonly socket: WebSocket,
    /** The client address the per-address caps count it under (`clientAddress`). */
    readonly address = 'unknown',
  ) {}

  /** The socket is open and not being closed. */
  get isOpen(): boolean {
    return !this.closing && this.socket.readyState === this.socket.OPEN;
  }

  /** `sdkAppId:userId` of a logged-in user. */
  get userKey(): string | undefined {
    return this.userId !== undefined ? userKey(this.sdkAppId ?? 0, this.userId) : undefined;
  }

  /**
   * Sends a frame; a client that does not read (more than 1 MB waiting) is closed with 4008
   * instead of letting the process buffer without bound. False when nothing was sent.
   */
  send(frame: ServerFrame): boolean {
    return this.sendText(JSON.stringify(frame));
  }

  /** Sends a frame serialized once for many sessions (room pushes); same back-pressure. */
  sendText(text: string): boolean {
    if (this.closing || this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount > ProtocolLimits.maxBufferedBytes) {
      this.close(CloseCodes.TooSlow, 'too slow');
      return false;
    }
    this.socket.send(text);
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.socket.close(code, reason);
    // A peer that never answers the close handshake is cut off.
    setTimeout(() => this.socket.terminate(), 2000).unref();
  }
}

/**
 * Closes a session not logged in `timeoutMs` after it opened (4003). A login still being worked
 * on (the platform answers slowly, e.g. after a reconnect storm) is given more time — its own
 * service timeouts bound it — instead of the connection being cut, which tells the client to
 * stop for good.
 */
export function watchLogin(session: Session, timeoutMs: number): { cancel(): void } {
  let timer: ReturnType<typeof setTimeout>;
  const arm = () => {
    timer = setTimeout(check, timeoutMs);
    timer.unref();
  };
  const check = () => {
    if (session.isLoggedIn || session.closing) return;
    if (session.loggingIn) arm();
    else session.close(CloseCodes.LoginFailed, 'no login');
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}

export function userKey(sdkAppId: number, userId: string): string {
  return `${sdkAppId}:${userId}`;
}
