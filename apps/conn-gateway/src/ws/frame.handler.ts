import { Inject, Injectable } from '@nestjs/common';

import {
  ClientCommands,
  CloseCodes,
  DomainError,
  ErrorCode,
  ProtocolLimits,
  RequestFrame,
} from '@im/contracts';
import type { ClientCommandName, RpcSubject } from '@im/contracts';
import {
  LogThrottle,
  NatsBus,
  newRequestId,
  PLATFORM_LOGGER,
  RpcUnavailableError,
  runWithRequestContext,
} from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { ConnGatewayError } from '../conn-gateway.errors';
import { SessionLifecycle } from '../lifecycle/session-lifecycle.service';
import { RoomService } from '../room/room.service';
import { LoginService } from '../session/login.service';
import type { Session } from '../session/session.model';
import { bodyLayoutRefusal } from './body-layout.rules';
import { echo, isSeq, nestingDepth } from './frame.rules';

type Frame = { op?: unknown; seq?: unknown; cmd?: unknown; data?: unknown; frames?: unknown };

/**
 * Frames of one connection: heartbeat, login, logout, live rooms (room.join / room.leave) and
 * commands forwarded to services.
 */
@Injectable()
export class FrameHandler {
  /** Unanswered requests are logged a few times a minute per subject and reason. */
  private readonly unavailable = new LogThrottle();

  constructor(
    private readonly login: LoginService,
    private readonly bus: NatsBus,
    private readonly rooms: RoomService,
    private readonly lifecycle: SessionLifecycle,
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
    // Nothing deeper goes on: serializing it for a service would overflow the stack.
    if (nestingDepth(text) > ProtocolLimits.maxNestingDepth) {
      const seq = typeof frame === 'object' && frame !== null ? frame.seq : undefined;
      if (isSeq(seq))
        this.answer(
          session,
          seq,
          ErrorCode.HttpParseFailed,
          `the frame nests deeper than ${ProtocolLimits.maxNestingDepth} levels`,
        );
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
        if (isSeq(frame.seq))
          this.answer(session, frame.seq, ErrorCode.HttpParseFailed, 'unknown op');
    }
  }

  private onRequest(session: Session, frame: Frame): void {
    const seq = frame.seq;
    if (!isSeq(seq)) return;
    if (typeof frame.cmd !== 'string') {
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
        await this.onLogin(session, req);
        return;
      }
      if (!session.isLoggedIn) throw new DomainError(ErrorCode.UserSigEmpty, 'log in first');
      if (req.cmd === 'logout') {
        session.send({ op: 'res', seq: req.seq, code: 0, msg: '', data: {} });
        this.lifecycle.end(session, CloseCodes.Normal, 'logout');
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
      const command = commandOf(req.cmd);
      if (!command)
        throw new DomainError(ErrorCode.ResourcePathWrong, `unknown command ${echo(req.cmd)}`);
      if (session.isGuest)
        throw new DomainError(ErrorCode.UserSigEmpty, 'guests may only receive in live rooms');
      const layout = bodyLayoutRefusal(req.cmd, data);
      if (layout) throw new ConnGatewayError(layout.code, layout.message);
      const payload =
        command.self && data[command.self] === undefined
          ? { ...data, [command.self]: session.userId }
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
      const { code, message, retryAfterMs } = this.describe(err, req.cmd);
      this.answer(session, req.seq, code, message, retryAfterMs);
      // A refused login ends the connection; a service that did not answer in time (60008) or
      // was too busy to (60018 with retryAfterMs) leaves it open for another try (the login
      // timeout still applies); an address holding as many guests as allowed (60018) is told
      // to come back later (4005, not final).
      const busy = code === ErrorCode.TooManyRequests && retryAfterMs !== undefined;
      if (req.cmd === 'login' && code === ErrorCode.TooManyRequests && !busy)
        session.close(CloseCodes.TooManyConnections, 'too many sessions from this address');
      else if (req.cmd === 'login' && code !== ErrorCode.RequestTimedOut && !busy)
        session.close(CloseCodes.LoginFailed, 'login failed');
    }
  }

  /**
   * `login`. A second one leaves the session as it is (docs/protocol.md §3): its refusal is not
   * a refused UserSig, so the connection stays open.
   */
  private async onLogin(session: Session, req: RequestFrame): Promise<void> {
    if (session.isLoggedIn || session.loggingIn) {
      this.answer(session, req.seq, ErrorCode.AlreadyLoggedIn, 'this connection has logged in');
      return;
    }
    session.loggingIn = true;
    try {
      const result = await this.login.login(session, req.data);
      session.send({ op: 'res', seq: req.seq, code: 0, msg: '', data: result });
    } finally {
      session.loggingIn = false;
    }
  }

  /**
   * An error answer; its `msg` is cut to a bounded length (services may quote what was sent). A
   * busy answer (60018) carries when to try again (`retryAfterMs`, docs/protocol.md §8).
   */
  private answer(
    session: Session,
    seq: number,
    code: number,
    msg: string,
    retryAfterMs?: number,
  ): void {
    const text = echo(msg, ProtocolLimits.maxMessageChars);
    session.send(
      retryAfterMs === undefined
        ? { op: 'res', seq, code, msg: text }
        : { op: 'res', seq, code, msg: text, retryAfterMs },
    );
  }

  private describe(
    err: unknown,
    cmd: string,
  ): { code: number; message: string; retryAfterMs?: number } {
    if (err instanceof DomainError)
      return {
        code: err.code > 0 ? err.code : ErrorCode.RequestTimedOut,
        message: err.message,
        retryAfterMs: err.retryAfterMs,
      };
    if (err instanceof RpcUnavailableError) {
      // the reason (timeout, no responders, disconnected) tells an operator, and a client's
      // report, which of the three happened; the subject stays in the (throttled) log
      const key = `${err.subject}:${err.reason}`;
      const admitted = this.unavailable.admit(key);
      if (admitted.log)
        this.logger.warn(
          { cmd, subject: err.subject, reason: err.reason, suppressed: admitted.suppressed },
          'a service did not answer a client request',
        );
      return {
        code: ErrorCode.RequestTimedOut,
        message: `the service did not answer (${err.reason}), retry`,
      };
    }
    this.logger.error({ err, cmd }, 'client request failed');
    return { code: ErrorCode.RequestTimedOut, message: 'internal error, retry' };
  }
}

/**
 * How a client command is forwarded (docs/protocol.md §7): the contracts' `ClientCommands`
 * table, the one the SDK is typed by. `self` names the request field of the acting user, filled
 * in with the caller when the client leaves it out; a client naming someone else is refused by
 * the service, not here. `login`, `logout`, `room.join` and `room.leave` are the gateway's own.
 */
function commandOf(cmd: string): { subject: RpcSubject; self?: string } | undefined {
  return Object.hasOwn(ClientCommands, cmd) ? ClientCommands[cmd as ClientCommandName] : undefined;
}
