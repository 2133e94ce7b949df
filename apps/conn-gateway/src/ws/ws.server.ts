import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

import {
  Inject,
  Injectable,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { WebSocket, WebSocketServer } from 'ws';

import { CloseCodes, ProtocolLimits } from '@im/contracts';
import type { SessionCloseReason } from '@im/contracts';
import { PLATFORM_CONFIG, PLATFORM_LOGGER, PlatformMetrics } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { ConnGatewayConfig } from '../conn-gateway.config';
import { DeliveryConsumer } from '../delivery/delivery.consumer';
import { SessionLifecycle } from '../lifecycle/session-lifecycle.service';
import { LoginService, newConnId } from '../session/login.service';
import { PresenceWriter } from '../session/presence.store';
import { Session, watchLogin } from '../session/session.model';
import { SessionRegistry } from '../session/session-registry.store';
import { AddressLimits, clientAddress } from './address-limits.store';
import { boundDeflateOffer, deflateOptions, releaseZlibStreams } from './deflate.util';
import { FrameHandler } from './frame.handler';

/**
 * The WebSocket endpoint `/ws` (raw `ws`, about 5 KB per idle connection) and `GET /endpoints`
 * on the gateway's port; the heartbeat sweep that ends silent sessions and keeps presence
 * fresh; an orderly shutdown (close 4009, presence removed).
 */
@Injectable()
export class WsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private http?: Server;
  private wss?: WebSocketServer;
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly registry: SessionRegistry,
    private readonly frames: FrameHandler,
    private readonly lifecycle: SessionLifecycle,
    private readonly login: LoginService,
    private readonly presence: PresenceWriter,
    private readonly delivery: DeliveryConsumer,
    private readonly addresses: AddressLimits,
    @Inject(PLATFORM_CONFIG) private readonly config: ConnGatewayConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
    metrics: PlatformMetrics,
  ) {
    metrics.gaugeOf(
      'im_conn_connections',
      'Open WebSocket connections of this gateway process',
      () => this.registry.size,
    );
  }

  get port(): number | undefined {
    const address = this.http?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.delivery.start();
    releaseZlibStreams();
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: ProtocolLimits.maxFrameBytes,
      perMessageDeflate: deflateOptions(),
    });
    this.wss.on('connection', (socket: WebSocket, req: IncomingMessage) =>
      this.onConnection(socket, req),
    );
    const http = createServer((req, res) => this.onHttp(req, res));
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(req, socket, head),
    );
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.config.ws.port, this.config.ws.host, () => resolve());
    });
    this.http = http;
    const interval = this.config.ws.heartbeatIntervalMs;
    this.sweeper = setInterval(() => void this.sweep(), Math.max(1000, Math.floor(interval / 2)));
    this.sweeper.unref();
    this.logger.info(
      { port: this.port, nodeId: this.config.nodeId },
      'WebSocket gateway listening',
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.delivery.stop();
    const sessions = [...this.registry.all()];
    for (const s of sessions) s.close(CloseCodes.ShuttingDown, 'shutting down');
    await Promise.all(sessions.map((s) => this.lifecycle.forget(s, 'shutdown')));
    this.wss?.close();
    await new Promise<void>((resolve) =>
      this.http ? this.http.close(() => resolve()) : resolve(),
    );
    this.http?.closeAllConnections();
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node hands an upgrading socket over without an 'error' listener: a client that resets
    // while being refused (or mid-handshake) would otherwise crash the process with ECONNRESET.
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (this.registry.size >= this.config.ws.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    const address = clientAddress(req.socket.remoteAddress);
    if (!this.addresses.openConnection(address)) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\n\r\n');
      return;
    }
    boundDeflateOffer(req);
    let upgraded = false;
    // A handshake ws refuses (bad key, version) never becomes a connection: give the slot back.
    socket.once('close', () => {
      if (!upgraded) this.addresses.closeConnection(address);
    });
    this.wss?.handleUpgrade(req, socket, head, (ws) => {
      upgraded = true;
      this.wss?.emit('connection', ws, req);
    });
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const address = clientAddress(req.socket.remoteAddress);
    const session = new Session(newConnId(), socket, address);
    this.registry.add(session);
    const loginWatch = watchLogin(session, ProtocolLimits.loginTimeoutMs);
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        session.close(CloseCodes.ProtocolError, 'binary frames are not supported');
        return;
      }
      this.frames.onText(session, rawText(data));
    });
    socket.on('close', (code) => {
      loginWatch.cancel();
      this.addresses.closeConnection(address);
      if (session.isGuest) this.addresses.releaseGuest(address);
      void this.lifecycle.forget(session, closeReason(code));
    });
    socket.on('error', (err) =>
      this.logger.debug({ err: err.message, connId: session.connId }, 'socket error'),
    );
  }

  /** Ends sessions silent for 3 heartbeat intervals; pushes the others' presence expiry forward. */
  private async sweep(now = Date.now()): Promise<void> {
    const deadline = now - this.config.ws.heartbeatIntervalMs * ProtocolLimits.missedHeartbeats;
    const alive: Session[] = [];
    for (const session of this.registry.all()) {
      if (session.lastSeen < deadline)
        this.lifecycle.end(session, CloseCodes.HeartbeatTimeout, 'timeout');
      else if (session.isLoggedIn && !session.isGuest) alive.push(session);
    }
    await this.presence
      .write(alive, this.config.nodeId, this.login.presenceTtlMs)
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'presence refresh failed'));
  }

  private onHttp(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/endpoints') {
      const self = `ws://${this.config.ws.host === '0.0.0.0' ? '127.0.0.1' : this.config.ws.host}:${this.port}/ws`;
      const endpoints = this.config.ws.publicUrls.length ? this.config.ws.publicUrls : [self];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ endpoints }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found' }));
  }
}

function closeReason(code: number): SessionCloseReason {
  switch (code) {
    case CloseCodes.Normal:
      return 'logout';
    case CloseCodes.HeartbeatTimeout:
      return 'timeout';
    case CloseCodes.KickedByAdmin:
    case CloseCodes.KickedByLogin:
      return 'kicked';
    case CloseCodes.ShuttingDown:
      return 'shutdown';
    default:
      return 'link-closed';
  }
}

/** The text of a ws message (a Buffer, or fragments of one). */
function rawText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}
