import type { SendReply } from './protocol';
import type { ScenarioResult } from './report';
import { collectAll, connectUsers, measured, peekTotal, waitUntil } from './scenarios';
import type { BenchContext } from './scenarios';
import { round, summarize } from './stats';

type Partial = Omit<ScenarioResult, 'id' | 'title' | 'target' | 'seconds'>;

/** One window of the soak: what was sent and received, and each process's memory at its end. */
export interface SoakWindow {
  /** Minutes since the soak began, at the window's end. */
  minute: number;
  sent: number;
  acked: number;
  failed: number;
  received: number;
  /** Acknowledged messages no receiver got by the end of the window's grace. */
  lost: number;
  duplicated: number;
  p99Ms: number;
  /** Resident memory (MiB) per process (services and servers). */
  rssMiB: Record<string, number>;
}

/**
 * How much a series grew over the soak: the mean of its last quarter against the mean of its
 * first quarter after the first window (start-up, JIT and caches filling are not growth), in
 * percent. Fewer than 4 windows: 0 (too short to say).
 */
export function growthPercent(values: readonly number[]): number {
  const steady = values.slice(1);
  if (steady.length < 4) return 0;
  const quarter = Math.max(1, Math.floor(steady.length / 4));
  const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const first = mean(steady.slice(0, quarter));
  const last = mean(steady.slice(-quarter));
  return first > 0 ? ((last - first) / first) * 100 : 0;
}

/** Memory growth above this over the soak counts as a leak to look at. */
export const SOAK_MEMORY_GROWTH_LIMIT_PERCENT = 10;
/** Send failures above this share of a window count as errors not flat. */
export const SOAK_ERROR_RATE_LIMIT = 0.001;

/**
 * The verdict of a soak: memory per process and the error rate flat over time. Names each
 * process whose memory grew past the limit, and each window whose error rate passed it.
 */
export function soakVerdict(windows: readonly SoakWindow[]): {
  flat: boolean;
  growth: Record<string, number>;
  grew: string[];
  errorWindows: number[];
} {
  const names = [...new Set(windows.flatMap((w) => Object.keys(w.rssMiB)))];
  const growth = Object.fromEntries(
    names.map((name) => [name, round(growthPercent(windows.map((w) => w.rssMiB[name] ?? 0)), 1)]),
  );
  const grew = names.filter((name) => growth[name] > SOAK_MEMORY_GROWTH_LIMIT_PERCENT);
  const errorWindows = windows
    .filter(
      (w) =>
        w.lost > 0 || w.duplicated > 0 || w.failed / Math.max(1, w.sent) > SOAK_ERROR_RATE_LIMIT,
    )
    .map((w) => w.minute);
  return { flat: grew.length === 0 && errorWindows.length === 0, growth, grew, errorWindows };
}

/**
 * `--soak`: C2C messages at a fixed rate (half the capacity measured in the same run) for a
 * long time, in windows; after each window the deliveries are counted (lost, duplicated) and
 * every process's memory is sampled. The report plots memory per process and the error rate
 * over the minutes, and says whether both stayed flat.
 */
export async function soak(
  ctx: BenchContext,
  settings: { ratePerSec: number; durationMs: number; windowMs: number },
): Promise<Partial> {
  const o = ctx.options;
  const n = o.c2cClients - (o.c2cClients % 2);
  const users = Array.from({ length: n }, (_, i) => `soak-${i}`);
  const { shares, connected } = await connectUsers(ctx, users, ctx.platform.wsUrls);
  const targets = shares.map((share) =>
    share.map((userId, client) => ({ client, to: `soak-${Number(userId.slice(5)) ^ 1}` })),
  );
  const windows: SoakWindow[] = [];
  const started = Date.now();
  const count = Math.max(1, Math.round(settings.durationMs / settings.windowMs));
  ctx.log(
    `soak: ${n} clients, ${round(settings.ratePerSec)} msg/s for ${round(settings.durationMs / 60_000, 1)} min in ${count} windows`,
  );
  for (let i = 0; i < count; i++) {
    const tag = `soak-${i}`;
    const { result, usage } = await measured(ctx.probe, async () => {
      const sends = await Promise.all(
        ctx.workers.map((w, k) =>
          w.call<SendReply>(
            {
              cmd: 'sdk-send',
              tag,
              kind: 'c2c',
              targets: targets[k],
              mode: 'rate',
              ratePerSec: settings.ratePerSec / ctx.workers.length,
              durationMs: settings.windowMs,
              maxCount: Math.ceil((settings.ratePerSec * settings.windowMs) / 1000),
            },
            settings.windowMs + 120_000,
          ),
        ),
      );
      const acked = sends.reduce((s, r) => s + r.acked, 0);
      await waitUntil(async () => (await peekTotal(ctx, tag)) >= acked, 30_000);
      return { sends, received: await collectAll(ctx, tag) };
    });
    const acked = result.sends.reduce((s, r) => s + r.acked, 0);
    const messages = result.received.flatMap((r) => r.messages);
    const received = new Set(messages.map((m) => m[0])).size;
    const window: SoakWindow = {
      minute: round((Date.now() - started) / 60_000, 2),
      sent: result.sends.reduce((s, r) => s + r.sent, 0),
      acked,
      failed: result.sends.reduce((s, r) => s + r.failed, 0),
      received,
      lost: Math.max(0, acked - received),
      duplicated: messages.filter((m) => m[2] > 1).length,
      p99Ms: round(summarize(result.received.flatMap((r) => r.latencies)).p99),
      rssMiB: Object.fromEntries(
        usage.processes
          .filter((p) => p.kind === 'service' || p.kind === 'server')
          .map((p) => [p.name, round(p.rssMiB)]),
      ),
    };
    windows.push(window);
    const firstError = result.sends.find((r) => r.firstError)?.firstError;
    ctx.log(
      `soak ${window.minute} min: ${window.acked}/${window.sent} acked, ${window.failed} failed, ${window.lost} lost, p99 ${window.p99Ms} ms` +
        (firstError ? ` (first error: ${firstError})` : ''),
    );
  }
  await ctx.recycleWorkers();

  const verdict = soakVerdict(windows);
  const names = Object.keys(windows[0]?.rssMiB ?? {});
  const worst = names.reduce<string | undefined>(
    (a, b) => (a === undefined || verdict.growth[b] > verdict.growth[a] ? b : a),
    undefined,
  );
  const totals = {
    sent: windows.reduce((s, w) => s + w.sent, 0),
    acked: windows.reduce((s, w) => s + w.acked, 0),
    failed: windows.reduce((s, w) => s + w.failed, 0),
    lost: windows.reduce((s, w) => s + w.lost, 0),
    duplicated: windows.reduce((s, w) => s + w.duplicated, 0),
  };
  return {
    figure: {
      label: `largest memory growth (${worst ?? '—'})`,
      value: worst ? verdict.growth[worst] : 0,
      unit: '%',
    },
    met: verdict.flat,
    bottleneck: verdict.flat
      ? 'memory and error rate flat'
      : [
          verdict.grew.length ? `memory grew: ${verdict.grew.join(', ')}` : '',
          verdict.errorWindows.length
            ? `errors in the windows ending at minute ${verdict.errorWindows.join(', ')}`
            : '',
        ]
          .filter(Boolean)
          .join('; '),
    details: {
      clients: connected,
      'rate msg/s (half the measured capacity)': round(settings.ratePerSec),
      minutes: round(settings.durationMs / 60_000, 1),
      windows: windows.length,
      'messages sent': totals.sent,
      'messages acked': totals.acked,
      'send failures': totals.failed,
      lost: totals.lost,
      duplicated: totals.duplicated,
      ...Object.fromEntries(names.map((name) => [`memory growth ${name} %`, verdict.growth[name]])),
    },
    charts: [
      {
        title: 'memory per process over the soak',
        xUnit: 'minutes',
        yUnit: 'MiB',
        lines: names.map((name) => ({
          name,
          points: windows.map((w): [number, number] => [w.minute, w.rssMiB[name] ?? 0]),
        })),
      },
      {
        title: 'send failures and losses per window',
        xUnit: 'minutes',
        yUnit: 'messages',
        lines: [
          {
            name: 'send failures',
            points: windows.map((w): [number, number] => [w.minute, w.failed]),
          },
          { name: 'lost', points: windows.map((w): [number, number] => [w.minute, w.lost]) },
          {
            name: 'duplicated',
            points: windows.map((w): [number, number] => [w.minute, w.duplicated]),
          },
        ],
      },
      {
        title: 'p99 send→receive per window',
        xUnit: 'minutes',
        yUnit: 'ms',
        lines: [{ name: 'p99', points: windows.map((w): [number, number] => [w.minute, w.p99Ms]) }],
      },
    ],
    table: {
      head: [
        'minute',
        'sent',
        'acked',
        'failed',
        'lost',
        'duplicated',
        'p99 ms',
        ...names.map((n) => `${n} MiB`),
      ],
      rows: windows.map((w) => [
        w.minute,
        w.sent,
        w.acked,
        w.failed,
        w.lost,
        w.duplicated,
        w.p99Ms,
        ...names.map((name) => w.rssMiB[name] ?? 0),
      ]),
    },
  };
}
