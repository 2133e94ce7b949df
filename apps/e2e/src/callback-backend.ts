import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { waitFor } from '@im/testing';

/** One callback request as the app backend received it. */
export interface ReceivedCallback {
  command: string;
  params: Record<string, string>;
  /** Query parameter names in order. */
  keys: string[];
  /** `X-IM-Event-Id` (after-callbacks): the same on every retry. */
  eventId: string;
  body: Record<string, unknown>;
}

/** The app's answer: a JSON object, or `hang` (never answer). */
export type CallbackAnswer = Record<string, unknown> | 'hang';

export const OK_ANSWER = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

/**
 * A local HTTP server standing in for an app's backend: records every callback request and
 * answers what the test scripts (`answer`), OK by default. It can go down (connections
 * refused) and come back on the same port.
 */
export class CallbackBackend {
  readonly received: ReceivedCallback[] = [];
  /** The answer to a callback; undefined = OK. */
  answer: (command: string, body: Record<string, unknown>) => CallbackAnswer | undefined = () =>
    undefined;
  private server: http.Server;
  private port = 0;
  private readonly hanging = new Set<http.ServerResponse>();

  private constructor() {
    this.server = this.create();
  }

  static async start(): Promise<CallbackBackend> {
    const backend = new CallbackBackend();
    await backend.listen();
    return backend;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/im/callback`;
  }

  /** Waits for a callback of the command whose body matches `predicate`. */
  next(
    command: string,
    predicate: (body: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<ReceivedCallback> {
    return waitFor(() => this.find(command, predicate) ?? null, {
      timeoutMs,
      message: `callback ${command}`,
    });
  }

  find(
    command: string,
    predicate: (body: Record<string, unknown>) => boolean = () => true,
  ): ReceivedCallback | undefined {
    return this.received.find((r) => r.command === command && predicate(r.body));
  }

  all(
    command: string,
    predicate: (body: Record<string, unknown>) => boolean = () => true,
  ): ReceivedCallback[] {
    return this.received.filter((r) => r.command === command && predicate(r.body));
  }

  /** Down: the port refuses connections until `up`. */
  async down(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Back on the same port. */
  async up(): Promise<void> {
    this.server = this.create();
    await this.listen(this.port);
  }

  stop(): Promise<void> {
    return this.server.listening ? this.down() : Promise.resolve();
  }

  private create(): http.Server {
    return http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://backend');
        const text = Buffer.concat(chunks).toString('utf8');
        const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
        const command = url.searchParams.get('CallbackCommand') ?? '';
        this.received.push({
          command,
          params: Object.fromEntries(url.searchParams),
          keys: [...url.searchParams.keys()],
          eventId: String(req.headers['x-im-event-id'] ?? ''),
          body,
        });
        const answer = this.answer(command, body) ?? OK_ANSWER;
        if (answer === 'hang') {
          this.hanging.add(res);
          res.on('close', () => this.hanging.delete(res));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
  }

  private async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }
}
