import { Inject, Injectable } from '@nestjs/common';

import {
  CloseCodes,
  ConnEvt,
  DomainError,
  ErrorCode,
  ProtocolLimits,
  RequestFrame,
} from '@im/contracts';
import type { SessionCloseReason } from '@im/contracts';
import {
  NatsBus,
  newRequestId,
  PLATFORM_CONFIG,
  PLATFORM_LOGGER,
  RpcUnavailableError,
  runWithRequestContext,
} from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { ConnGatewayConfig } from '../conn-gateway.config';
import { RoomRegistry } from '../room/room-registry';
import { RoomService } from '../room/room.service';
import { LoginService } from '../session/login.service';
import { PresenceWriter } from '../session/presence.writer';
import type { Session } from '../session/session';
import { SessionRegistry } from '../session/session-registry';
import { CLIENT_COMMANDS } from './client-commands';

type Frame = { op?: unknown; seq?: unknown; cmd?: unknown; data?: unknown; frames?: unknown };

/**
 * Frames of one connection: heartbeat, login, logout, live rooms (room.join / room.leave) and
 * commands forwarded to services.
 */
@Injectable()
export class FrameHandler {
  constructor(
    private readonly login: LoginService,
    private readonly bus: NatsBus,
    private readonly registry: SessionRegistry,
    private readonly presence: PresenceWriter,
    private readonly rooms: RoomService,
    private readonly roomRegistry: RoomRegistry,
    @Inject(PLATFORM_CONFIG) private readonly config: ConnGatewayConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** A text frame from the client. */
  onText(session: Session, text: string): void {
    session.lastSeen = Date.now();
    let frame: Frame;
    try {
      frame = JSON.parse(text) as Frame;
    } catch {
      if (!session.isLoggedIn) session.close(CloseCodes.ProtocolError, 'not JSON');
      return;
    }
    this.onFrame(session, frame, true);
  }

  private onFrame(session: Session, frame: Frame, mayBatch: boolean): void {
    if (typeof frame !== 'object' || frame === null) return;
    switch (frame.op) {
      case 'ping':
        session.send({ op: 'pong', time: Date.now() });
        return;
      case 'batch':
        if (mayBatch && Array.isArray(frame.frames)) {
          for (const inner of frame.frames as Frame[]) this.onFrame(session, inner, false);
        }
        return;
      case 'req':
        this.onRequest(session, frame);
        return;
      default:
        if (typeof frame.seq === 'number')
          this.answer(session, frame.seq, ErrorCode.HttpParseFailed, 'unknown op');
    }
  }

  private onRequest(session: Session, frame: Frame): void {
    const seq = frame.seq;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || typeof frame.cmd !== 'string') {
      if (typeof seq === 'number')
        this.answer(session, seq, ErrorCode.HttpParseFailed, 'a request needs seq and cmd');
      return;
    }
    const data = frame.data ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      this.answer(session, seq, ErrorCode.HttpParseFailed, 'data must be an object');
      return;
    }
    const req = { op: 'req', seq, cmd: frame.cmd, data } as RequestFrame;
    if (session.inFlight >= ProtocolLimits.maxInFlightRequests) {
      this.answer(session, seq, ErrorCode.TooManyRequests, 'too many requests in flight');
      return;
    }
    session.inFlight++;
    void runWithRequestContext(
      {
        requestId: newRequestId(),
        sdkAppId: session.sdkAppId,
        callerId: session.userId,
        role: 'user',
        connId: session.connId,
      },
      () => this.dispatch(session, req),
    ).finally(() => session.inFlight--);
  }

  private async dispatch(session: Session, req: RequestFrame): Promise<void> {
    try {
      if (req.cmd === 'login') {
        session.loggingIn = true;
        try {
          const result = await this.login.login(session, req.data);
          session.send({ op: 'res', seq: req.seq, code: 0, msg: '', data: result });
        } finally {
          session.loggingIn = false;
        }
        return;
      }
      if (!session.isLoggedIn) throw new DomainError(ErrorCode.UserSigEmpty, 'log in first');
      if (req.cmd === 'logout') {
        session.send({ op: 'res', seq: req.seq, code: 0, msg: '', data: {} });
        this.end(session, CloseCodes.Normal, 'logout');
        return;
      }
      const data = req.data ?? {};
      if (req.cmd === 'room.join' || req.cmd === 'room.leave') {
        const reply =
          req.cmd === 'room.join'
            ? await this.rooms.join(session, data)
            : await this.rooms.leave(session, data);
        session.send({ op: 'res', seq: req.seq, code: 0, msg: '', data: reply });
        return;
      }
      const command = CLIENT_COMMANDS[req.cmd];
      if (!command)
        throw new DomainError(ErrorCode.ResourcePathWrong, `unknown command ${req.cmd}`);
      if (session.isGuest)
        throw new DomainError(ErrorCode.UserSigEmpty, 'guests may only receive in live rooms');
      const payload =
        command.selfField && data[command.selfField] === undefined
          ? { ...data, [command.selfField]: session.userId }
          : data;
      const reply = await this.bus.request(command.subject, payload, {
        context: {
          sdkAppId: session.sdkAppId,
          callerId: session.userId,
          role: 'user',
          connId: session.connId,
        },
      });
      session.send({ op: 'res', seq: req.seq, code: 0, msg: '', data: reply });
    } catch (err) {
      const { code, message } = this.describe(err, req.cmd);
      this.answer(session, req.seq, code, message);
      // A refused login ends the connection; a service that did not answer in time (60008)
      // leaves it open for another try (the login timeout still applies).
      if (req.cmd === 'login' && code !== ErrorCode.RequestTimedOut)
        session.close(CloseCodes.LoginFailed, 'login failed');
    }
  }

  /** Ends a session: closes it and forgets it everywhere. */
  end(session: Session, code: number, reason: SessionCloseReason): void {
    session.close(code, reason);
    void this.forget(session, reason);
  }

  /** The socket is gone: drop the session from the registry, presence and rooms. */
  async forget(session: Session, reason: SessionCloseReason): Promise<void> {
    if (!this.registry.get(session.connId)) return;
    this.registry.remove(session);
    this.roomRegistry.removeAll(session);
    if (!session.isLoggedIn || session.isGuest || session.userId === undefined) return;
    await this.presence.unregister([session]);
    await this.bus.emit(ConnEvt.SessionClosed, {
      sdkAppId: session.sdkAppId,
      userId: session.userId,
      platform: session.platform ?? 'Web',
      connId: session.connId,
      nodeId: this.config.nodeId,
      reason,
    });
  }

  private answer(session: Session, seq: number, code: number, msg: string): void {
    session.send({ op: 'res', seq, code, msg });
  }

  private describe(err: unknown, cmd: string): { code: number; message: string } {
    if (err instanceof DomainError)
      return { code: err.code > 0 ? err.code : ErrorCode.RequestTimedOut, message: err.message };
    if (err instanceof RpcUnavailableError)
      return { code: ErrorCode.RequestTimedOut, message: 'the service did not answer, retry' };
    this.logger.error({ err, cmd }, 'client request failed');
    return { code: ErrorCode.RequestTimedOut, message: 'internal error, retry' };
  }
}
