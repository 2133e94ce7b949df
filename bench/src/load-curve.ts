import type { SendReply } from './protocol';
import { round, summarize } from './stats';

/** The offered loads of the curve, as shares of the measured C2C capacity. */
export const LOAD_CURVE_SHARES = [0.25, 0.5, 0.75, 1, 1.5] as const;

/** The agreed "refused busy" answer: ErrorCode 60018 (TooManyRequests) with a retry hint. */
export const BUSY_CODE = 60018;

/** The target of the curve: at 150 % of capacity the p99 of answered sends stays under this. */
export const LOAD_CURVE_P99_TARGET_MS = 1000;

export type ErrorKind = 'busy' | 'timeout' | 'other';

/**
 * What a failed send's code says: refused busy (60018), timed out (the SDK's own timeout -1, or
 * 60008: the gateway's "the service did not answer") or another error.
 */
export function errorKind(code: string | number): ErrorKind {
  const n = Number(code);
  if (n === BUSY_CODE) return 'busy';
  if (n === -1 || n === 60008) return 'timeout';
  return 'other';
}

/** One step of the curve (results.json `loadCurve.steps`). */
export interface LoadCurveStep {
  /** Offered load as a share of the capacity (1 = 100 %). */
  share: number;
  /** The rate asked of the load generators. */
  targetPerSec: number;
  /** Sends issued ÷ the step's window (lower than the target when the generators lag). */
  offeredPerSec: number;
  sent: number;
  /** Sends answered OK (stored). */
  answered: number;
  /** Answered ÷ the time from the first send to the last OK answer (at least the window). */
  answeredPerSec: number;
  refusedBusy: number;
  /** Refused busy ÷ sent (0..1). */
  busyShare: number;
  /** Timed out (SDK -1, gateway 60008) plus the sends still unanswered when the step ended. */
  timedOut: number;
  otherErrors: number;
  /** Failed sends by code (SDK codes: -1 timeout, -2 disconnected). */
  errorCodes: Record<string, number>;
  /** Send→ack of the answered sends (ms). */
  ackP50Ms: number;
  ackP99Ms: number;
  /** Send→receive of the messages received (ms). */
  receiveP50Ms: number;
  receiveP99Ms: number;
  received: number;
  /** How fast the busy answers came (ms; 0 when none). */
  busyAnswerP99Ms: number;
  /** The platform's CPU per answered send in the step (µs), when measured. */
  platformUsPerMessage?: number;
  /** The same less the platform's idle CPU over the step (µs), when measured. */
  platformUsAboveIdle?: number;
}

/** Sums the load generators' replies and the receivers' latencies of one step into its row. */
export function loadCurveStep(input: {
  share: number;
  targetPerSec: number;
  windowMs: number;
  sends: SendReply[];
  receiveLatencies: number[];
  platformUsPerMessage?: number;
  platformUsAboveIdle?: number;
}): LoadCurveStep {
  const { sends } = input;
  const sent = sends.reduce((s, r) => s + r.sent, 0);
  const answered = sends.reduce((s, r) => s + r.acked, 0);
  const errorCodes: Record<string, number> = {};
  for (const r of sends)
    for (const [code, n] of Object.entries(r.errorCodes))
      errorCodes[code] = (errorCodes[code] ?? 0) + n;
  const byKind: Record<ErrorKind, number> = { busy: 0, timeout: 0, other: 0 };
  for (const [code, n] of Object.entries(errorCodes)) byKind[errorKind(code)] += n;
  // a send the generator stopped waiting for (30 s after its window) had no answer at all
  const failed = sends.reduce((s, r) => s + r.failed, 0);
  const unanswered = Math.max(0, sent - answered - failed);
  const startedAt = Math.min(...sends.map((r) => r.startedAt));
  const lastAckAt = Math.max(0, ...sends.map((r) => r.lastAckAt));
  const answeredMs = Math.max(input.windowMs, lastAckAt - startedAt);
  const ack = summarize(sends.flatMap((r) => r.ackLatencies));
  const receive = summarize(input.receiveLatencies);
  const busy = summarize(sends.flatMap((r) => r.busyLatencies));
  return {
    share: input.share,
    targetPerSec: round(input.targetPerSec),
    offeredPerSec: round(sent / (input.windowMs / 1000)),
    sent,
    answered,
    answeredPerSec: answered > 0 ? round(answered / (answeredMs / 1000)) : 0,
    refusedBusy: byKind.busy,
    busyShare: sent > 0 ? round(byKind.busy / sent, 4) : 0,
    timedOut: byKind.timeout + unanswered,
    otherErrors: byKind.other,
    errorCodes,
    ackP50Ms: round(ack.p50),
    ackP99Ms: round(ack.p99),
    receiveP50Ms: round(receive.p50),
    receiveP99Ms: round(receive.p99),
    received: receive.count,
    busyAnswerP99Ms: round(busy.p99),
    platformUsPerMessage: input.platformUsPerMessage,
    platformUsAboveIdle: input.platformUsAboveIdle,
  };
}

/**
 * Whether the curve meets its target: the step at the highest offered share (150 %) answered
 * something, and both its send→ack and send→receive p99 are under 1 s. Undefined without steps.
 */
export function loadCurveMet(steps: LoadCurveStep[]): boolean | undefined {
  const top = [...steps].sort((a, b) => b.share - a.share)[0];
  if (!top) return undefined;
  return (
    top.answered > 0 &&
    top.received > 0 &&
    top.ackP99Ms <= LOAD_CURVE_P99_TARGET_MS &&
    top.receiveP99Ms <= LOAD_CURVE_P99_TARGET_MS
  );
}

/** The curve's steps as the report's table. */
export function loadCurveTable(steps: LoadCurveStep[]): {
  head: string[];
  rows: (string | number)[][];
} {
  return {
    head: [
      'offered (of capacity)',
      'target msg/s',
      'offered msg/s',
      'answered msg/s',
      'refused busy',
      'timed out',
      'other errors',
      'ack p50 ms',
      'ack p99 ms',
      'receive p50 ms',
      'receive p99 ms',
      'busy answer p99 ms',
      'platform CPU µs/msg',
      'above idle µs/msg',
    ],
    rows: steps.map((s) => [
      `${Math.round(s.share * 100)} %`,
      s.targetPerSec,
      s.offeredPerSec,
      s.answeredPerSec,
      `${s.refusedBusy} (${(s.busyShare * 100).toFixed(1)} %)`,
      s.timedOut,
      s.otherErrors,
      s.ackP50Ms,
      s.ackP99Ms,
      s.receiveP50Ms,
      s.receiveP99Ms,
      s.refusedBusy ? s.busyAnswerP99Ms : '—',
      s.platformUsPerMessage ?? '—',
      s.platformUsAboveIdle ?? '—',
    ]),
  };
}
