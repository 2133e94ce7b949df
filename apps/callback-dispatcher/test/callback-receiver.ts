// A local HTTP server standing in for an app backend: records every callback request and
// answers as the test says (OK, a decision, an error status, a hang, or not listening at all).
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { CallbackHttpHeaders } from '@im/contracts';
import { waitFor } from '@im/testing';

export interface ReceivedCallback {
  path: string;
  /** Query parameters in the order they were sent. */
  query: [string, string][];
  params: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  rawBody: string;
  /** `X-IM-Event-Id` (after-callbacks). */
  eventId?: string;
  command: string;
}

export interface Answer {
  status?: number;
  body?: unknown;
  /** Do not answer until `release()` (or the client gives up). */
  hang?: boolean;
}

export type Responder = (callback: ReceivedCallback) => Answer;

export const OK_ANSWER = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

export class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  /** Sockets (TCP connections) the dispatcher opened to this receiver. */
  connections = 0;
  respond: Responder = () => ({ body: OK_ANSWER });
  private readonly held = new Set<http.ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private server?: http.Server;
  private port = 0;

  private constructor() {}

  static async start(): Promise<CallbackReceiver> {
    const receiver = new CallbackReceiver();
    await receiver.listen();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/im/callback`;
  }

  /** Requests answered with nothing yet (hanging). */
  get holding(): number {
    return this.held.size;
  }

  /** Stops listening and drops open connections: the backend is down. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async up(): Promise<void> {
    await this.listen();
  }

  /** Answers every hanging request with 200 OK. */
  release(): void {
    for (const res of this.held) res.writeHead(200).end(JSON.stringify(OK_ANSWER));
    this.held.clear();
  }

  of(command: string, sdkAppId?: number): ReceivedCallback[] {
    return this.received.filter(
      (r) =>
        r.command === command && (sdkAppId === undefined || r.params.SdkAppid === String(sdkAppId)),
    );
  }

  /** Waits for a callback of the command (and app) matching `predicate`. */
  next(
    command: string,
    predicate: (r: ReceivedCallback) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ReceivedCallback> {
    return waitFor(() => this.of(command).find(predicate) ?? null, {
      timeoutMs,
      message: `callback ${command}`,
    });
  }

  async stop(): Promise<void> {
    this.release();
    await this.down();
  }

  private async listen(): Promise<void> {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 30_000;
    server.on('connection', (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://receiver');
      const query = [...url.searchParams.entries()];
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(rawBody) as Record<string, unknown>;
      } catch {
        // recorded as is
      }
      const callback: ReceivedCallback = {
        path: url.pathname,
        query,
        params: Object.fromEntries(query),
        headers: req.headers,
        body,
        rawBody,
        eventId: req.headers[CallbackHttpHeaders.EventId] as string | undefined,
        command: url.searchParams.get('CallbackCommand') ?? '',
      };
      this.received.push(callback);
      const answer = this.respond(callback);
      if (answer.hang) {
        this.held.add(res);
        res.on('close', () => this.held.delete(res));
        return;
      }
      const text =
        typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? OK_ANSWER);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(text);
    });
  }
}

/** What an app backend checks: Sign = hex(sha256(token + RequestTime)). */
export function expectedSign(token: string, requestTime: string): string {
  return createHash('sha256').update(`${token}${requestTime}`, 'utf8').digest('hex');
}
