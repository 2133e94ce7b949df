import WebSocket from 'ws';

import { CloseCodes, ErrorCode } from '@im/contracts';
import { Rng } from '@im/testing';
import type { ClassShape } from '@im/testing';

import { clientCommandShapes } from './contract-shape';
import {
  expectedAnswers,
  FrameCase,
  frameCase,
  FuzzIds,
  gatewayShapes,
  isSeq,
  regressionFrames,
} from './frame-fuzzer';

const KnownCodes = new Set<number>(Object.values(ErrorCode));
/** The most of a refused value an answer's `msg` may echo. */
export const MsgMax = 1024;
/** Close codes docs/protocol.md §5 documents. */
export const DocumentedCloseCodes = new Set<number>([
  CloseCodes.Normal,
  1007,
  CloseCodes.TooLarge,
  CloseCodes.ProtocolError,
  CloseCodes.KickedByLogin,
  CloseCodes.KickedByAdmin,
  CloseCodes.LoginFailed,
  CloseCodes.TooManyConnections,
]);
const ANSWER_TIMEOUT_MS = 15_000;

export interface FuzzFinding {
  command: string;
  mutation: string;
  problem: string;
  /** The first bytes of the frame, to reproduce. */
  frame: string;
}

export interface WsFuzzReport {
  frames: number;
  /** Frames of `regressionFrames`, sent besides `frames`. */
  regressions: number;
  seed: number;
  perCommand: Record<string, Record<string, number>>;
  closes: Record<string, number>;
  reconnects: number;
  internalErrors: number;
  findings: FuzzFinding[];
  seconds: number;
}

type ConnKind = 'user' | 'guest' | 'anonymous';

/** One fuzzing connection: its socket, what it received, how it ended. */
class FuzzConnection {
  socket?: WebSocket;
  received: unknown[] = [];
  closeCode?: number;
  private nextSeq = 1;

  constructor(
    readonly kind: ConnKind,
    readonly userId: string,
    private readonly url: string,
    private readonly ids: FuzzIds,
    private readonly onFrame: (conn: FuzzConnection, frame: unknown, text: string) => void,
  ) {}

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** A seq of this connection's own, with room for a batch of requests after it. */
  seq(): number {
    const seq = this.nextSeq;
    this.nextSeq = (this.nextSeq + 1000) % 0xffff0000;
    return seq;
  }

  /** Opens the socket and logs in as its kind says; the login's answer code (0 = in). */
  async open(): Promise<number | undefined> {
    this.received = [];
    this.closeCode = undefined;
    const socket = new WebSocket(this.url, { perMessageDeflate: true });
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      if (this.socket !== socket) return;
      const text = data.toString();
      let frame: unknown;
      try {
        frame = JSON.parse(text);
      } catch {
        frame = { op: 'not JSON' };
      }
      this.received.push(frame);
      this.onFrame(this, frame, text);
    });
    socket.on('close', (code) => {
      if (this.socket === socket) this.closeCode = code;
    });
    socket.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    if (this.kind === 'anonymous') return undefined;
    const seq = this.seq();
    const data =
      this.kind === 'guest'
        ? { sdkAppId: this.ids.sdkAppId, guest: true, platform: 'Web' }
        : {
            sdkAppId: this.ids.sdkAppId,
            userId: this.userId,
            userSig: this.ids.userSigs[this.userId],
            platform: 'PC',
          };
    socket.send(JSON.stringify({ op: 'req', seq, cmd: 'login', data }));
    const res = await this.until(() => this.resOf(seq, 0), ANSWER_TIMEOUT_MS);
    return res === 'closed' || res === 'timeout' ? -1 : (res as { code: number }).code;
  }

  resOf(seq: number, from: number): unknown {
    for (let i = from; i < this.received.length; i++) {
      const f = this.received[i] as { op?: unknown; seq?: unknown };
      if (f.op === 'res' && f.seq === seq) return f;
    }
    return undefined;
  }

  /** Waits until `check` gives something, the socket closed, or the time is up. */
  until(check: () => unknown, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve) => {
      const deadline = Date.now() + timeoutMs;
      const poll = () => {
        const value = check();
        if (value !== undefined && value !== false) return resolve(value);
        if (this.closeCode !== undefined) return resolve('closed');
        if (Date.now() > deadline) return resolve('timeout');
        setTimeout(poll, 2);
      };
      poll();
    });
  }

  close(): void {
    this.socket?.terminate();
  }
}

/**
 * Sends `frames` fuzzed frames over every WebSocket command (the contracts' `ClientCommands`
 * plus login, logout, room.join, room.leave; whole frames, heartbeats and batches besides)
 * from logged-in users, guests and connections that never logged in, and checks everything
 * that comes back: each frame that must be answered is, with a documented envelope and code
 * that is not an internal error, and a connection ends only with a documented close code.
 */
export async function fuzzWs(options: {
  wsUrl: string;
  ids: FuzzIds;
  frames: number;
  seed: number;
}): Promise<WsFuzzReport> {
  const started = Date.now();
  const commands: { cmd: string; shape: ClassShape }[] = [
    ...gatewayShapes(),
    ...clientCommandShapes(),
  ];
  const report: WsFuzzReport = {
    frames: 0,
    regressions: 0,
    seed: options.seed,
    perCommand: {},
    closes: {},
    reconnects: 0,
    internalErrors: 0,
    findings: [],
    seconds: 0,
  };
  let current = new Map<FuzzConnection, FrameCase>();
  const finding = (conn: FuzzConnection, problem: string, frame?: FrameCase | null) => {
    const c = frame === null ? undefined : (frame ?? current.get(conn));
    report.findings.push({
      command: c?.command ?? 'connection',
      mutation: c?.mutation ?? `${conn.kind} ${conn.userId}`,
      problem,
      frame: c ? c.data.toString().slice(0, 300) : '',
    });
  };
  const onFrame = (conn: FuzzConnection, frame: unknown, text: string) => {
    const problem = checkServerFrame(frame, text);
    if (!problem) return;
    if (problem.internal) report.internalErrors++;
    finding(conn, problem.text);
  };
  const kinds: { kind: ConnKind; userId: string }[] = [
    ...options.ids.accounts.map((userId) => ({ kind: 'user' as const, userId })),
    { kind: 'guest', userId: 'guest-1' },
    { kind: 'guest', userId: 'guest-2' },
    { kind: 'anonymous', userId: 'anonymous' },
  ];
  const conns = kinds.map(
    (k) => new FuzzConnection(k.kind, k.userId, options.wsUrl, options.ids, onFrame),
  );
  current = new Map();

  const users = conns.filter((c) => c.kind === 'user');
  const regressions = regressionFrames(options.ids, () => users[0].seq());
  const worker = async (w: number) => {
    const conn = conns[w];
    const mine = conn.kind === 'user' ? regressions.filter((_, j) => j % users.length === w) : [];
    for (let i = w - mine.length * conns.length; i < options.frames; i += conns.length) {
      if (!conn.isOpen) {
        if (conn.socket) report.reconnects++;
        const login = await conn.open().catch((err: Error) => {
          finding(conn, `could not connect: ${err.message}`, null);
          return -1;
        });
        if (login !== undefined && login !== 0)
          finding(conn, `${conn.kind} login answered ${login}`, null);
      }
      const command = commands[Math.floor(i / conns.length) % commands.length];
      // one generator per frame: frame i is the same whatever the interleaving
      const c =
        i < 0
          ? mine[mine.length + Math.floor((i - w) / conns.length)]
          : frameCase(command, options.ids, conn.seq(), new Rng(options.seed * 1_000_003 + i));
      current.set(conn, c);
      const from = conn.received.length;
      const expected = expectedAnswers(c);
      if (c.kind === 'binary') conn.socket!.send(c.data, { binary: true });
      else if (c.kind === 'raw-text') conn.socket!.send(c.data, { binary: false });
      else conn.socket!.send(c.data);
      if (i < 0) report.regressions++;
      else report.frames++;
      const outcome = await conn.until(() => {
        const got = conn.received.slice(from) as { op?: unknown; seq?: unknown }[];
        const pongs = got.filter((f) => f.op === 'pong').length;
        return (
          pongs >= expected.pongs &&
          expected.seqs.every((s) => got.some((f) => f.op === 'res' && f.seq === s))
        );
      }, ANSWER_TIMEOUT_MS);
      const codes = (report.perCommand[c.command] ??= {});
      const answers = (conn.received.slice(from) as { op?: unknown; code?: unknown }[]).filter(
        (f) => f.op === 'res',
      );
      for (const a of answers) codes[String(a.code)] = (codes[String(a.code)] ?? 0) + 1;
      if (outcome === 'timeout') {
        report.internalErrors++;
        finding(conn, `no answer within ${ANSWER_TIMEOUT_MS} ms`);
      }
      if (outcome === 'closed' || conn.closeCode !== undefined) {
        await conn.until(() => conn.closeCode !== undefined, 5000);
        const code = conn.closeCode ?? -1;
        report.closes[code] = (report.closes[code] ?? 0) + 1;
        codes[`close ${code}`] = (codes[`close ${code}`] ?? 0) + 1;
        if (!DocumentedCloseCodes.has(code)) finding(conn, `closed with ${code}`);
      }
    }
    conn.close();
  };
  await Promise.all(conns.map((_, w) => worker(w)));
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

/** What is wrong with a frame the gateway sent, or undefined. */
export function checkServerFrame(
  frame: unknown,
  text: string,
): { text: string; internal: boolean } | undefined {
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
    return { text: `not a frame: ${text.slice(0, 100)}`, internal: false };
  const f = frame as { op?: unknown; seq?: unknown; code?: unknown; msg?: unknown; data?: unknown };
  switch (f.op) {
    case 'pong':
    case 'push':
      return undefined;
    case 'res':
      break;
    default:
      return { text: `unknown frame: ${text.slice(0, 100)}`, internal: false };
  }
  if (!isSeq(f.seq))
    return { text: `res without a uint32 seq: ${text.slice(0, 100)}`, internal: false };
  if (typeof f.code !== 'number' || !Number.isInteger(f.code) || typeof f.msg !== 'string')
    return { text: `no envelope: ${text.slice(0, 100)}`, internal: false };
  if (f.code === 0)
    return typeof f.data === 'object' && f.data !== null
      ? undefined
      : { text: 'code 0 without data', internal: false };
  if (f.code === ErrorCode.RequestTimedOut || /internal error/i.test(f.msg))
    return { text: `internal ${f.code}: ${f.msg.slice(0, 200)}`, internal: true };
  if (!KnownCodes.has(f.code)) return { text: `undocumented code ${f.code}`, internal: false };
  if (f.msg.length > MsgMax) return { text: `msg of ${f.msg.length}`, internal: false };
  return undefined;
}

/** The report as Markdown: totals, closes, then per command the codes it answered. */
export function renderWsFuzzReport(r: WsFuzzReport, extra: string[] = []): string {
  const lines = [
    `# WebSocket fuzz: ${r.frames} frames over ${Object.keys(r.perCommand).length} commands`,
    '',
    `seed ${r.seed}, ${r.seconds.toFixed(1)} s, ${r.regressions} regression frames besides, ` +
      `internal errors ${r.internalErrors}, ` +
      `findings ${r.findings.length}, reconnects ${r.reconnects}`,
    `closes by code: ${
      Object.entries(r.closes)
        .map(([code, n]) => `${code}×${n}`)
        .join(' ') || 'none'
    }`,
    ...extra,
    '',
    '| command | answers and closes |',
    '| --- | --- |',
    ...Object.entries(r.perCommand)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, codes]) => {
        const list = Object.entries(codes)
          .sort((a, b) => b[1] - a[1])
          .map(([code, count]) => `${code}×${count}`)
          .join(' ');
        return `| ${name} | ${list} |`;
      }),
  ];
  if (r.findings.length) {
    lines.push('', '## Findings', '');
    for (const f of r.findings.slice(0, 100)) {
      lines.push(`- ${f.command} (${f.mutation}): ${f.problem} — \`${f.frame.slice(0, 160)}\``);
    }
  }
  return lines.join('\n');
}
