import WebSocket from 'ws';

import { waitFor } from '@im/testing';

/** A frame the gateway sent, parsed (batches unwrapped). */
export interface Frame {
  op: string;
  seq?: number;
  code?: number;
  msg?: string;
  cmd?: string;
  data?: unknown;
  time?: number;
}

/** The answer of a successful `login` (docs/protocol.md §3). */
export interface LoginData {
  connId: string;
  nodeId: string;
  heartbeatIntervalMs: number;
  serverTime: number;
  kickedPlatforms: string[];
}

/** A request's answer. */
export interface Answer {
  code: number;
  msg: string;
  data?: unknown;
}

/**
 * A client of docs/protocol.md written from the document alone, on the raw `ws` package (no
 * SDK): JSON frames, `seq` matching, `batch` unwrapping, heartbeats at the interval the login
 * answers. It also records, from the socket's own bytes, whether each frame the gateway sent
 * was compressed (the RSV1 bit of its first fragment), which `ws` does not expose.
 */
export class RawClient {
  readonly frames: Frame[] = [];
  /** Per data frame of the server, in order: its payload length and whether RSV1 was set. */
  readonly wireFrames: { length: number; compressed: boolean }[] = [];
  /** What `login` answered, once logged in. */
  loginData?: LoginData;
  private nextSeq = 1;
  private heartbeat?: NodeJS.Timeout;
  private closeCode?: number;
  private readonly closedPromise: Promise<number>;
  private sniffed = Buffer.alloc(0);

  private constructor(readonly socket: WebSocket) {
    this.closedPromise = new Promise((resolve) =>
      socket.on('close', (code) => {
        this.closeCode = code;
        this.stopHeartbeat();
        resolve(code);
      }),
    );
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
      const frame = JSON.parse(text) as Frame & { frames?: Frame[] };
      if (frame.op === 'batch') this.frames.push(...(frame.frames ?? []));
      else this.frames.push(frame);
    });
    socket.on('error', () => undefined);
  }

  static async open(url: string, options: { deflate?: boolean } = {}): Promise<RawClient> {
    const socket = new WebSocket(url, { perMessageDeflate: options.deflate ?? true });
    const client = new RawClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const raw = (socket as unknown as { _socket: NodeJS.EventEmitter })._socket;
    raw.on('data', (chunk: Buffer) => client.sniff(chunk));
    return client;
  }

  /** The `Sec-WebSocket-Extensions` the gateway agreed to. */
  get extensions(): string {
    return this.socket.extensions;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a frame as JSON. */
  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendText(text: string): void {
    this.socket.send(text);
  }

  sendBinary(bytes: Buffer): void {
    this.socket.send(bytes, { binary: true });
  }

  /** Sends a request and waits for its answer. */
  async request(cmd: string, data: object = {}, timeoutMs = 20_000): Promise<Answer> {
    const seq = this.nextSeq++;
    this.send({ op: 'req', seq, cmd, data });
    return this.answerTo(seq, timeoutMs);
  }

  /** Sends a request, expects code 0 and answers its data. */
  async ok<T = Record<string, unknown>>(cmd: string, data: object = {}): Promise<T> {
    const answer = await this.request(cmd, data);
    if (answer.code !== 0) throw new Error(`${cmd}: ${answer.code} ${answer.msg}`);
    return answer.data as T;
  }

  /** A fresh request `seq`. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  answerTo(seq: number, timeoutMs = 20_000): Promise<Answer> {
    return waitFor(
      () => {
        const f = this.frames.find((x) => x.op === 'res' && x.seq === seq);
        if (f) return { code: f.code ?? -1, msg: f.msg ?? '', data: f.data };
        if (this.closeCode !== undefined) throw new Error(`closed ${this.closeCode} before ${seq}`);
        return null;
      },
      { timeoutMs, intervalMs: 10 },
    );
  }

  /** The pushes of one command received so far. */
  pushes<T = Record<string, unknown>>(cmd: string): T[] {
    return this.frames.filter((f) => f.op === 'push' && f.cmd === cmd).map((f) => f.data as T);
  }

  /** Waits for a push of `cmd` whose data passes `match`. */
  nextPush<T = Record<string, unknown>>(
    cmd: string,
    match: (data: T) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<T> {
    return waitFor(() => this.pushes<T>(cmd).find(match) ?? null, { timeoutMs, intervalMs: 20 });
  }

  /** Pings every `intervalMs` (a logged-in client's duty, §4) until stopped or closed. */
  startHeartbeat(intervalMs: number): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => this.isOpen && this.send({ op: 'ping' }), intervalMs);
  }

  stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** The close code, once the connection closed. */
  closed(timeoutMs = 20_000): Promise<number> {
    return Promise.race([
      this.closedPromise,
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error('not closed in time')), timeoutMs).unref(),
      ),
    ]);
  }

  close(): void {
    this.stopHeartbeat();
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(4100, 'done');
    else this.socket.terminate();
  }

  /** Parses the server's frame headers out of the raw byte stream (never masked). */
  private sniff(chunk: Buffer): void {
    this.sniffed = Buffer.concat([this.sniffed, chunk]);
    for (;;) {
      const b = this.sniffed;
      if (b.length < 2) return;
      let length = b[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      if (b.length < offset + length) return;
      const opcode = b[0] & 0x0f;
      if (opcode === 1 || opcode === 2)
        this.wireFrames.push({ length, compressed: (b[0] & 0x40) !== 0 });
      this.sniffed = b.subarray(offset + length);
    }
  }
}
