import { performance } from 'node:perf_hooks';

import type { AppReply } from '@im/contracts';
import { jittered, RestCallError, RETRYABLE_CODES } from '@im/sdk';
import type { ImChat, ImClient, RestAdminClient } from '@im/sdk';
import { findFreePort } from '@im/testing';
import type { RunningPlatform } from '@im/testing';
import { signUserSig } from '@im/usersig';

import { cpuCost } from './cpu-cost';
import { inspectArg, settledMemory } from './heap';
import type { BenchOptions } from './options';
import { BaselineServer, LoadWorker } from './processes';
import { bottleneckOf, UsageProbe, UsageWindow } from './probes';
import type {
  CollectReply,
  ConnectReply,
  LoadReply,
  PeekReply,
  RestoreReply,
  SendReply,
} from './protocol';
import {
  LOAD_CURVE_P99_TARGET_MS,
  LOAD_CURVE_SHARES,
  loadCurveMet,
  loadCurveStep,
  loadCurveTable,
} from './load-curve';
import type { LoadCurveStep } from './load-curve';
import type { ScenarioResult } from './report';
import { cdfPoints, quantile, round, summarize } from './stats';
import { benchBody } from './worker-body';

export interface BenchContext {
  options: BenchOptions;
  cores: number;
  natsUrl: string;
  platform: RunningPlatform;
  /** `--inspect-port` of the conn-gateway processes (see heap.ts). */
  gatewayInspectPort: number;
  app: AppReply;
  admin: RestAdminClient;
  probe: UsageProbe;
  workers: LoadWorker[];
  /** A client in the orchestrator: owner of the bench groups and sender of their messages. */
  host: { client: ImClient; chat: ImChat };
  /** The raw NATS echo responder (C2C baselines). */
  echo: BaselineServer;
  /** Fresh load-generator processes (the old ones and all their sockets are gone). */
  recycleWorkers(): Promise<void>;
  /** Waits (bounded) until the platform has worked off what is queued (services idle). */
  settle(): Promise<void>;
  log(line: string): void;
}

type Partial = Omit<ScenarioResult, 'id' | 'title' | 'target' | 'seconds'>;

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Items dealt round-robin to `n` lists. */
function deal<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  items.forEach((item, i) => out[i % n].push(item));
  return out;
}

export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

export async function measured<T>(
  probe: UsageProbe,
  fn: () => Promise<T>,
): Promise<{ result: T; usage: UsageWindow }> {
  const start = await probe.begin();
  const result = await fn();
  return { result, usage: await probe.end(start) };
}

/**
 * The processes' CPU with no load for a moment, once the platform has settled: the idle rate
 * the CPU cost tables subtract for their "above idle" figures.
 */
export async function idleWindow(ctx: BenchContext): Promise<UsageWindow> {
  await ctx.settle();
  const start = await ctx.probe.begin();
  await sleep(ctx.options.quick ? 1000 : 3000);
  return ctx.probe.end(start, false);
}

function sumConnect(replies: ConnectReply[]): {
  connected: number;
  failed: number;
  error?: string;
} {
  return {
    connected: replies.reduce((s, r) => s + r.connected, 0),
    failed: replies.reduce((s, r) => s + r.failed, 0),
    error: replies.find((r) => r.firstError)?.firstError,
  };
}

/** Logs in `userIds` dealt over the workers; returns each worker's share. */
export async function connectUsers(
  ctx: BenchContext,
  userIds: string[],
  urls: string[],
  extra: {
    fastReconnect?: boolean;
    concurrency?: number;
    guest?: boolean;
    syncIntervalMs?: number;
    sendRetries?: number;
    syncWithMessages?: number;
  } = {},
): Promise<{ shares: string[][]; connected: number; failed: number; error?: string }> {
  const shares = deal(userIds, ctx.workers.length);
  const replies = await Promise.all(
    ctx.workers.map((w, i) =>
      w.call<ConnectReply>(
        {
          cmd: 'sdk-connect',
          urls,
          sdkAppId: ctx.app.sdkAppId,
          secretKey: ctx.app.secretKey,
          userIds: shares[i],
          concurrency: extra.concurrency ?? 50,
          timeoutMs: ctx.options.connectTimeoutMs,
          fastReconnect: extra.fastReconnect,
          guest: extra.guest,
          syncIntervalMs: extra.syncIntervalMs,
          sendRetries: extra.sendRetries,
          syncWithMessages: extra.syncWithMessages,
        },
        ctx.options.connectTimeoutMs + 120_000,
      ),
    ),
  );
  const total = sumConnect(replies);
  ctx.log(
    `${total.connected}/${userIds.length} ${extra.guest ? 'guests' : 'clients'} logged in` +
      (total.failed ? `, ${total.failed} failed (${total.error})` : ''),
  );
  return { shares, ...total };
}

export async function peekTotal(ctx: BenchContext, tag?: string): Promise<number> {
  const peeks = await Promise.all(ctx.workers.map((w) => w.call<PeekReply>({ cmd: 'peek' })));
  return peeks.reduce((s, p) => s + (tag ? (p.tags[tag] ?? 0) : p.ws), 0);
}

export async function collectAll(ctx: BenchContext, tag: string): Promise<CollectReply[]> {
  return Promise.all(ctx.workers.map((w) => w.call<CollectReply>({ cmd: 'collect', tag })));
}

/** A group of `members` (owner: the host), created with the first 100 and added 300 at a time. */
/**
 * Imports accounts by REST, 100 per call (Tencent's limit), retrying the answers that say "try
 * again" (busy 60018, timed out 60008): under load the platform sheds work instead of queueing.
 */
async function importAccounts(ctx: BenchContext, userIds: string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += 100) {
    const Accounts = userIds.slice(i, i + 100);
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await ctx.admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts });
        const failed = (reply as { FailAccounts?: string[] }).FailAccounts ?? [];
        if (failed.length)
          throw new Error(`accounts not imported: ${failed.slice(0, 10).join(', ')}`);
        break;
      } catch (err) {
        const busy = err instanceof RestCallError && RETRYABLE_CODES.has(err.envelope.ErrorCode);
        if (!busy || attempt >= 10) throw err;
        await sleep(jittered(Math.min(5000, 200 * 2 ** attempt)));
      }
    }
  }
}

async function createGroup(
  ctx: BenchContext,
  type: string,
  name: string,
  members: string[],
): Promise<string> {
  const { groupId } = await ctx.host.client.request<{ groupId: string }>('group.create', {
    type,
    name,
    members: members.slice(0, 100).map((userId) => ({ userId })),
  });
  for (let i = 100; i < members.length; i += 300)
    await ctx.host.client.request('group.add-members', {
      groupId,
      userIds: members.slice(i, i + 300),
      silence: true,
    });
  return groupId;
}

function c2cPayload(): string {
  return JSON.stringify({
    op: 'req',
    seq: 1,
    cmd: 'msg.send-c2c',
    data: { to: 'c2c-1', random: 123456789, body: benchBody('c2c-tp', now()) },
  });
}

// --- C2C throughput and latency (they share 2,000 logged-in clients) ---

export async function c2cScenarios(
  ctx: BenchContext,
  run: { throughput: boolean; latency: boolean },
): Promise<{ throughput?: Partial; latency?: Partial }> {
  const o = ctx.options;
  const n = o.c2cClients - (o.c2cClients % 2);
  const users = Array.from({ length: n }, (_, i) => `c2c-${i}`);
  const { shares, connected } = await connectUsers(ctx, users, ctx.platform.wsUrls);
  // Partner of c2c-i is c2c-(i xor 1): with 2 workers, always in the other process.
  const targets = shares.map((share) =>
    share.map((userId, client) => ({ client, to: `c2c-${Number(userId.slice(4)) ^ 1}` })),
  );
  const out: { throughput?: Partial; latency?: Partial } = {};
  // Warm-up: caches, JIT, the pairs' conversations; not measured.
  await Promise.all(
    ctx.workers.map((w, i) =>
      w.call<SendReply>(
        {
          cmd: 'sdk-send',
          tag: 'c2c-warm',
          kind: 'c2c',
          targets: targets[i],
          mode: 'closed',
          window: Math.ceil(o.c2cWindow / ctx.workers.length),
          durationMs: o.quick ? 1000 : 5000,
          maxCount: 10_000_000,
        },
        120_000,
      ),
    ),
  );
  await sleep(1000);
  await collectAll(ctx, 'c2c-warm');
  const idle = await idleWindow(ctx);

  if (run.throughput) {
    ctx.log(
      `C2C throughput: ${n} clients taking turns, ${o.c2cWindow} sends in flight, ${o.c2cThroughputMs} ms`,
    );
    const { result, usage } = await measured(ctx.probe, async () => {
      const sends = await Promise.all(
        ctx.workers.map((w, i) =>
          w.call<SendReply>(
            {
              cmd: 'sdk-send',
              tag: 'c2c-tp',
              kind: 'c2c',
              targets: targets[i],
              mode: 'closed',
              window: Math.ceil(o.c2cWindow / ctx.workers.length),
              durationMs: o.c2cThroughputMs,
              maxCount: 10_000_000,
            },
            o.c2cThroughputMs + 120_000,
          ),
        ),
      );
      const acked = sends.reduce((s, r) => s + r.acked, 0);
      await waitUntil(async () => (await peekTotal(ctx, 'c2c-tp')) >= acked, 30_000);
      return { sends, received: await collectAll(ctx, 'c2c-tp') };
    });
    const startedAt = Math.min(...result.sends.map((s) => s.startedAt));
    const lastAt = Math.max(...result.received.map((r) => r.lastAt));
    const received = result.received.reduce((s, r) => s + r.received, 0);
    const acked = result.sends.reduce((s, r) => s + r.acked, 0);
    const failed = result.sends.reduce((s, r) => s + r.failed, 0);
    const rate = received / ((lastAt - startedAt) / 1000);

    await ctx.settle();
    ctx.log('C2C throughput baseline: raw NATS request/reply, same payload and concurrency');
    const base = await measured(ctx.probe, () =>
      Promise.all(
        ctx.workers.map((w) =>
          w.call<LoadReply>(
            {
              cmd: 'nats-load',
              url: ctx.natsUrl,
              subject: 'bench.echo',
              payload: c2cPayload(),
              mode: 'closed',
              concurrency: Math.ceil(o.c2cWindow / ctx.workers.length),
              durationMs: o.c2cThroughputMs,
              maxCount: 10_000_000,
            },
            o.c2cThroughputMs + 60_000,
          ),
        ),
      ),
    );
    const baseCount = base.result.reduce((s, r) => s + r.count, 0);
    const baseSeconds =
      (Math.max(...base.result.map((r) => r.endedAt)) -
        Math.min(...base.result.map((r) => r.startedAt))) /
      1000;
    const baseRate = baseCount / baseSeconds;
    out.throughput = {
      figure: { label: 'persisted msgs/s SDK→SDK', value: rate, unit: 'msg/s' },
      baseline: { label: 'raw NATS req/reply', value: baseRate, unit: 'req/s' },
      ratio: rate / baseRate,
      ratioNote: 'platform ÷ raw NATS (higher is better)',
      met: rate >= 3000,
      bottleneck: bottleneckOf(usage, ctx.cores),
      details: {
        clients: connected,
        'sends in flight (window)': o.c2cWindow,
        'messages sent': result.sends.reduce((s, r) => s + r.sent, 0),
        'messages acked': acked,
        'send failures': failed,
        'first send error': result.sends.find((s) => s.firstError)?.firstError ?? '—',
        'messages received': received,
        'send→ack p50 ms': round(summarize(result.sends.flatMap((s) => s.ackLatencies)).p50),
        'send→ack p99 ms': round(summarize(result.sends.flatMap((s) => s.ackLatencies)).p99),
        'baseline requests': baseCount,
        'baseline errors': base.result.reduce((s, r) => s + r.errors, 0),
      },
      cpuCost: cpuCost(usage, acked, 'sends acked', idle),
      usage,
      baselineUsage: base.usage,
    };
  }

  if (run.latency) {
    const rate = o.c2cLatencyRate;
    ctx.log(`C2C latency: ${rate} msg/s open loop for ${o.c2cLatencyMs} ms`);
    const { result, usage } = await measured(ctx.probe, async () => {
      const sends = await Promise.all(
        ctx.workers.map((w, i) =>
          w.call<SendReply>(
            {
              cmd: 'sdk-send',
              tag: 'c2c-lat',
              kind: 'c2c',
              targets: targets[i],
              mode: 'rate',
              ratePerSec: rate / ctx.workers.length,
              durationMs: o.c2cLatencyMs,
              maxCount: Math.ceil((rate * o.c2cLatencyMs) / 1000 / ctx.workers.length),
            },
            o.c2cLatencyMs + 120_000,
          ),
        ),
      );
      const acked = sends.reduce((s, r) => s + r.acked, 0);
      await waitUntil(async () => (await peekTotal(ctx, 'c2c-lat')) >= acked, 30_000);
      return { sends, received: await collectAll(ctx, 'c2c-lat') };
    });
    const latencies = result.received.flatMap((r) => r.latencies);
    const lat = summarize(latencies);
    const failures = result.sends.reduce((s, r) => s + r.failed, 0);
    const seconds =
      (Math.max(...result.sends.map((s) => s.endedAt)) -
        Math.min(...result.sends.map((s) => s.startedAt))) /
      1000;

    await ctx.settle();
    ctx.log('C2C latency baseline: raw NATS echo at the same rate');
    const base = await measured(ctx.probe, () =>
      Promise.all(
        ctx.workers.map((w) =>
          w.call<LoadReply>(
            {
              cmd: 'nats-load',
              url: ctx.natsUrl,
              subject: 'bench.echo',
              payload: c2cPayload(),
              mode: 'rate',
              concurrency: 1,
              ratePerSec: rate / ctx.workers.length,
              durationMs: o.c2cLatencyMs,
              maxCount: Math.ceil((rate * o.c2cLatencyMs) / 1000 / ctx.workers.length),
            },
            o.c2cLatencyMs + 60_000,
          ),
        ),
      ),
    );
    const baseLatencies = base.result.flatMap((r) => r.latencies);
    const baseLat = summarize(baseLatencies);
    out.latency = {
      // nothing received is no latency at all, not 0 ms
      figure:
        lat.count > 0
          ? { label: 'p99 send→receive', value: lat.p99, unit: 'ms' }
          : { label: 'no message received; sends failed', value: failures, unit: 'failures' },
      baseline: { label: 'p99 NATS echo', value: baseLat.p99, unit: 'ms' },
      ratio: lat.count > 0 ? lat.p99 / Math.max(0.001, baseLat.p99) : undefined,
      ratioNote: 'platform ÷ empty handler (lower is better)',
      met: lat.p99 <= 50 && lat.count > 0,
      bottleneck: bottleneckOf(usage, ctx.cores),
      details: {
        'offered rate msg/s': rate,
        'achieved send rate msg/s': round(result.sends.reduce((s, r) => s + r.sent, 0) / seconds),
        'messages received': lat.count,
        'send failures': failures,
        'p50 ms': round(lat.p50),
        'p90 ms': round(lat.p90),
        'p99 ms': round(lat.p99),
        'max ms': round(lat.max),
        'baseline p50 ms': round(baseLat.p50, 2),
        'baseline p99 ms': round(baseLat.p99, 2),
        'baseline max ms': round(baseLat.max, 2),
      },
      cdfs: [
        { name: 'platform send→receive', points: cdfPoints(latencies) },
        { name: 'NATS echo', points: cdfPoints(baseLatencies) },
      ],
      cpuCost: cpuCost(
        usage,
        result.sends.reduce((s, r) => s + r.acked, 0),
        'sends acked',
        idle,
      ),
      usage,
      baselineUsage: base.usage,
    };
  }
  await ctx.recycleWorkers();
  return out;
}

// --- C2C latency versus offered load ---

/**
 * Open-loop C2C sends (SDK → SDK, as c2c-latency) at 25 %, 50 %, 75 %, 100 % and 150 % of the
 * C2C capacity (c2c-throughput's figure of this run, else measured here first, closed loop),
 * a fixed window each. The clients do not retry (sendRetries 0), so every answer is counted as
 * it came: OK, refused busy (60018), timed out, other error.
 */
export async function c2cLoadCurve(ctx: BenchContext, capacityOfRun?: number): Promise<Partial> {
  const o = ctx.options;
  const n = o.c2cClients - (o.c2cClients % 2);
  const users = Array.from({ length: n }, (_, i) => `lc-${i}`);
  const { shares, connected } = await connectUsers(ctx, users, ctx.platform.wsUrls, {
    sendRetries: 0,
  });
  // Partner of lc-i is lc-(i xor 1): with 2 workers, always in the other process.
  const targets = shares.map((share) =>
    share.map((userId, client) => ({ client, to: `lc-${Number(userId.slice(3)) ^ 1}` })),
  );
  const closedLoop = (tag: string, durationMs: number) =>
    Promise.all(
      ctx.workers.map((w, i) =>
        w.call<SendReply>(
          {
            cmd: 'sdk-send',
            tag,
            kind: 'c2c',
            targets: targets[i],
            mode: 'closed',
            window: Math.ceil(o.c2cWindow / ctx.workers.length),
            durationMs,
            maxCount: 10_000_000,
          },
          durationMs + 120_000,
        ),
      ),
    );
  await closedLoop('lc-warm', o.quick ? 1000 : 5000);
  await sleep(1000);
  await collectAll(ctx, 'lc-warm');
  const idle = await idleWindow(ctx);
  let capacity = capacityOfRun;
  let capacitySource = 'c2c-throughput of this run';
  if (!capacity || !(capacity > 0)) {
    await ctx.settle();
    ctx.log(`load curve: measuring the C2C capacity first (closed loop, ${o.c2cThroughputMs} ms)`);
    const sends = await closedLoop('lc-cap', o.c2cThroughputMs);
    const acked = sends.reduce((s, r) => s + r.acked, 0);
    await waitUntil(async () => (await peekTotal(ctx, 'lc-cap')) >= acked, 30_000);
    const received = await collectAll(ctx, 'lc-cap');
    const count = received.reduce((s, r) => s + r.received, 0);
    const startedAt = Math.min(...sends.map((s) => s.startedAt));
    const lastAt = Math.max(...received.map((r) => r.lastAt));
    capacity = count > 0 ? count / ((lastAt - startedAt) / 1000) : 0;
    capacitySource = `measured first (closed loop, ${o.c2cWindow} in flight)`;
  }
  // Nothing measured (everything failed): a small rate still draws the curve's shape.
  const base = Math.max(10, capacity);
  const windowMs = o.loadCurveStepMs;
  const steps: LoadCurveStep[] = [];
  let overload: UsageWindow | undefined;
  for (const share of LOAD_CURVE_SHARES) {
    await ctx.probe.settle(o.quick ? 3000 : 30_000);
    const rate = base * share;
    const tag = `lc-${Math.round(share * 100)}`;
    ctx.log(
      `load curve: ${Math.round(share * 100)} % = ${Math.round(rate)} msg/s for ${windowMs} ms`,
    );
    const { result, usage } = await measured(ctx.probe, async () => {
      const sends = await Promise.all(
        ctx.workers.map((w, i) =>
          w.call<SendReply>(
            {
              cmd: 'sdk-send',
              tag,
              kind: 'c2c',
              targets: targets[i],
              mode: 'rate',
              ratePerSec: rate / ctx.workers.length,
              durationMs: windowMs,
              maxCount: Math.ceil((rate * windowMs) / 1000 / ctx.workers.length),
            },
            windowMs + 120_000,
          ),
        ),
      );
      const acked = sends.reduce((s, r) => s + r.acked, 0);
      await waitUntil(async () => (await peekTotal(ctx, tag)) >= acked, o.quick ? 10_000 : 30_000);
      return { sends, received: await collectAll(ctx, tag) };
    });
    const answered = result.sends.reduce((s, r) => s + r.acked, 0);
    const cost = cpuCost(usage, answered, 'sends acked', idle);
    steps.push(
      loadCurveStep({
        share,
        targetPerSec: rate,
        windowMs,
        sends: result.sends,
        receiveLatencies: result.received.flatMap((r) => r.latencies),
        platformUsPerMessage: cost.totalUsPerMessage,
        platformUsAboveIdle: cost.totalUsAboveIdle,
      }),
    );
    overload = usage;
  }
  await ctx.recycleWorkers();
  const top = steps[steps.length - 1];
  const maxOffered = Math.max(1, ...steps.map((s) => s.offeredPerSec));
  const line = (pick: (s: LoadCurveStep) => number): [number, number][] =>
    steps.map((s) => [s.offeredPerSec, pick(s)]);
  return {
    figure:
      top.answered > 0
        ? {
            label: `p99 send→ack at ${Math.round(top.share * 100)} %`,
            value: top.ackP99Ms,
            unit: 'ms',
          }
        : {
            label: `nothing answered at ${Math.round(top.share * 100)} %; refused busy`,
            value: top.refusedBusy,
            unit: 'sends',
          },
    met: loadCurveMet(steps),
    bottleneck: overload
      ? `at ${Math.round(top.share * 100)} %: ${bottleneckOf(overload, ctx.cores)}`
      : '—',
    details: {
      clients: connected,
      'capacity msg/s': round(capacity),
      'capacity from': capacitySource,
      'window per step ms': windowMs,
      'sends retried by the SDK': 'none (sendRetries 0)',
      [`at ${Math.round(top.share * 100)} %: p99 send→receive ms`]: top.receiveP99Ms,
      [`at ${Math.round(top.share * 100)} %: refused busy`]: `${(top.busyShare * 100).toFixed(1)} %`,
      [`at ${Math.round(top.share * 100)} %: error codes`]:
        Object.entries(top.errorCodes)
          .map(([code, count]) => `${code}: ${count}`)
          .join(', ') || '—',
    },
    table: loadCurveTable(steps),
    charts: [
      {
        title: 'C2C latency of answered sends versus offered load',
        xUnit: 'offered msg/s',
        yUnit: 'ms',
        lines: [
          { name: 'send→ack p50', points: line((s) => s.ackP50Ms) },
          { name: 'send→ack p99', points: line((s) => s.ackP99Ms) },
          { name: 'send→receive p50', points: line((s) => s.receiveP50Ms) },
          { name: 'send→receive p99', points: line((s) => s.receiveP99Ms) },
          {
            name: 'target p99 1 s',
            points: [
              [0, LOAD_CURVE_P99_TARGET_MS],
              [maxOffered, LOAD_CURVE_P99_TARGET_MS],
            ],
          },
        ],
      },
      {
        title: 'Answered versus offered',
        xUnit: 'offered msg/s',
        yUnit: 'msg/s',
        lines: [
          { name: 'answered OK', points: line((s) => s.answeredPerSec) },
          { name: 'offered', points: line((s) => s.offeredPerSec) },
        ],
      },
      {
        title: 'Share of sends refused busy (60018) and failed otherwise',
        xUnit: 'offered msg/s',
        yUnit: '% of sends',
        lines: [
          { name: 'refused busy', points: line((s) => s.busyShare * 100) },
          {
            name: 'timed out',
            points: line((s) => (s.sent ? (s.timedOut / s.sent) * 100 : 0)),
          },
          {
            name: 'other errors',
            points: line((s) => (s.sent ? (s.otherErrors / s.sent) * 100 : 0)),
          },
        ],
      },
    ],
    loadCurve: { capacityPerSec: round(capacity), capacitySource, windowMs, steps },
    usage: overload,
  };
}

// --- group chat ---

export async function groupChat(ctx: BenchContext): Promise<Partial> {
  const o = ctx.options;
  const users = Array.from({ length: o.groupMembers - 1 }, (_, i) => `grp-${i}`);
  const { shares, connected } = await connectUsers(ctx, users, ctx.platform.wsUrls);
  const groupId = await createGroup(ctx, 'Public', 'bench group', users);
  // The first `groupSenders` users send; they are dealt over the workers like everyone.
  const senders = new Set(users.slice(0, o.groupSenders));
  const targets = shares.map((share) =>
    share
      .map((userId, client) => ({ client, to: groupId, userId }))
      .filter((t) => senders.has(t.userId))
      .map(({ client, to }) => ({ client, to })),
  );
  // Warm-up (caches of the new group, JIT): one second at the same rate, not measured.
  await Promise.all(
    ctx.workers.map((w, i) =>
      w.call<SendReply>(
        {
          cmd: 'sdk-send',
          tag: 'grp-warm',
          kind: 'group',
          targets: targets[i],
          mode: 'rate',
          ratePerSec: (o.groupRate * targets[i].length) / o.groupSenders,
          durationMs: 1000,
          maxCount: o.groupRate,
        },
        120_000,
      ),
    ),
  );
  await sleep(1000);
  await collectAll(ctx, 'grp-warm');
  ctx.log(`group chat: ${o.groupMembers} members, ${o.groupRate} msg/s for ${o.groupMs} ms`);
  const { result, usage } = await measured(ctx.probe, async () => {
    const sends = await Promise.all(
      ctx.workers.map((w, i) =>
        w.call<SendReply>(
          {
            cmd: 'sdk-send',
            tag: 'grp',
            kind: 'group',
            targets: targets[i],
            mode: 'rate',
            ratePerSec: (o.groupRate * targets[i].length) / o.groupSenders,
            durationMs: o.groupMs,
            maxCount: Math.ceil((o.groupRate * o.groupMs) / 1000),
          },
          o.groupMs + 120_000,
        ),
      ),
    );
    const acked = sends.reduce((s, r) => s + r.acked, 0);
    await waitUntil(async () => (await peekTotal(ctx, 'grp')) >= acked * (connected - 1), 30_000);
    return { sends, received: await collectAll(ctx, 'grp') };
  });
  // Per message: deliveries and the time its last member got it.
  const perMessage = new Map<string, { sentAt: number; count: number; last: number }>();
  for (const r of result.received)
    for (const [key, sentAt, count, , last] of r.messages) {
      const m = perMessage.get(key);
      if (m) {
        m.count += count;
        m.last = Math.max(m.last, last);
      } else perMessage.set(key, { sentAt, count, last });
    }
  const expected = connected - 1;
  const toLast = [...perMessage.values()].map((m) => m.last - m.sentAt);
  const complete = [...perMessage.values()].filter((m) => m.count >= expected).length;
  const last = summarize(toLast);
  const deliveries = summarize(result.received.flatMap((r) => r.latencies));
  await ctx.recycleWorkers();
  return {
    figure: { label: 'p99 time to all online members', value: last.p99, unit: 'ms' },
    met: last.p99 <= 100 && last.count > 0,
    bottleneck: bottleneckOf(usage, ctx.cores),
    details: {
      'online members': connected + 1,
      'messages sent': result.sends.reduce((s, r) => s + r.sent, 0),
      'send failures': result.sends.reduce((s, r) => s + r.failed, 0),
      'first send error': result.sends.find((s) => s.firstError)?.firstError ?? '—',
      'messages seen': perMessage.size,
      'messages reaching every online member': complete,
      deliveries: deliveries.count,
      'time to last member p50 ms': round(last.p50),
      'time to last member p99 ms': round(last.p99),
      'time to last member max ms': round(last.max),
      'per delivery p50 ms': round(deliveries.p50),
      'per delivery p99 ms': round(deliveries.p99),
    },
    cdfs: [
      { name: 'time to last member', points: cdfPoints(toLast) },
      { name: 'per delivery', points: cdfPoints(result.received.flatMap((r) => r.latencies)) },
    ],
    usage,
  };
}

// --- live-room fan-out and idle connections (same 15,000 clients on one gateway) ---

/** Growth from `before` to `after` bytes, per connection, in KB. */
const kbPerConnection = (before: number, after: number, connections: number): number =>
  (after - before) / Math.max(1, connections) / 1024;

export async function liveRoom(ctx: BenchContext): Promise<{ room: Partial; idle: Partial }> {
  const o = ctx.options;
  const gatewayPid = ctx.platform.services.get('conn-gateway')!.pid;
  const gatewayUrl = ctx.platform.wsUrls[0];
  const users = Array.from({ length: o.roomMembers }, (_, i) => `room-${i}`);

  // Both snapshots after a full collection: RSS otherwise says when V8 last collected.
  await sleep(2000);
  const gw0 = await settledMemory(gatewayPid, ctx.gatewayInspectPort);
  ctx.log(`live room: ${o.roomMembers} clients on one gateway (RSS ${gw0.rss >> 20} MiB)`);
  const { connected, failed } = await connectUsers(ctx, users, [gatewayUrl], { concurrency: 100 });
  await sleep(3000);
  const gw1 = await settledMemory(gatewayPid, ctx.gatewayInspectPort);
  const idlePerConn = kbPerConnection(gw0.rss, gw1.rss, connected);
  await ctx.recycleWorkers();

  // The room's members are guests (viewers): a user's join also notifies every member of the
  // room (AVChatRoom member changes are sent, silently), so N users joining cost O(N²)
  // deliveries; the big-room scenario measures joins on their own.
  const viewers = await connectUsers(
    ctx,
    users,
    o.roomSpread ? ctx.platform.wsUrls : [gatewayUrl],
    { concurrency: 100, guest: true },
  );

  const { groupId } = await ctx.host.client.request<{ groupId: string }>('group.create', {
    type: 'AVChatRoom',
    name: 'bench room',
  });
  await ctx.host.chat.joinRoom(groupId);
  const joins = await Promise.all(
    ctx.workers.map((w) =>
      w.call<ConnectReply>(
        { cmd: 'sdk-join-room', groupId, concurrency: 100, timeoutMs: o.connectTimeoutMs },
        o.connectTimeoutMs + 60_000,
      ),
    ),
  );
  const joined = sumConnect(joins);
  ctx.log(
    `${joined.connected} joined the room${joined.failed ? `, ${joined.failed} failed (${joined.error})` : ''}`,
  );

  const rounds: { toLast: number; received: number }[] = [];
  const { usage } = await measured(ctx.probe, async () => {
    for (let r = 1; r <= o.roomRounds; r++) {
      const sentAt = now();
      await ctx.host.chat.sendGroup(groupId, benchBody('room', sentAt));
      await waitUntil(async () => (await peekTotal(ctx, 'room')) >= joined.connected * r, 30_000);
      await sleep(300);
    }
  });
  const collected = await collectAll(ctx, 'room');
  const frame = collected.find((c) => c.frame)?.frame;
  const perMessage = new Map<string, { sentAt: number; count: number; last: number }>();
  for (const c of collected)
    for (const [key, sentAt, count, , last] of c.messages) {
      const m = perMessage.get(key);
      if (m) {
        m.count += count;
        m.last = Math.max(m.last, last);
      } else perMessage.set(key, { sentAt, count, last });
    }
  for (const m of perMessage.values())
    rounds.push({ toLast: m.last - m.sentAt, received: m.count });
  const rates = rounds.map((r) => r.received / (r.toLast / 1000)).sort((a, b) => a - b);
  const toLasts = rounds.map((r) => r.toLast).sort((a, b) => a - b);
  await ctx.recycleWorkers();

  // Baseline: a bare ws server, the same number of clients, the same frame.
  const bareInspectPort = await findFreePort();
  const bare = await BaselineServer.start('ws', undefined, [inspectArg(bareInspectPort)]);
  ctx.probe.watch({ name: 'bare-ws', pid: bare.pid, kind: 'baseline' });
  await sleep(1000);
  const bare0 = await settledMemory(bare.pid, bareInspectPort);
  const shares = deal(users, ctx.workers.length);
  const wsConnects = await Promise.all(
    ctx.workers.map((w, i) =>
      w.call<ConnectReply>(
        {
          cmd: 'ws-connect',
          url: `ws://127.0.0.1:${bare.port}`,
          count: shares[i].length,
          concurrency: 100,
          timeoutMs: o.connectTimeoutMs,
        },
        o.connectTimeoutMs + 60_000,
      ),
    ),
  );
  const bareConnected = sumConnect(wsConnects).connected;
  await sleep(3000);
  const bare1 = await settledMemory(bare.pid, bareInspectPort);
  const bareIdle = kbPerConnection(bare0.rss, bare1.rss, bareConnected);
  const frameText =
    frame ?? JSON.stringify({ op: 'push', cmd: 'msg.new', data: { body: benchBody('room', 0) } });
  const bareRounds: { toLast: number; received: number; sendLoopMs: number }[] = [];
  const base = await measured(ctx.probe, async () => {
    for (let r = 1; r <= o.roomRounds; r++) {
      const sentAt = now();
      const { sendLoopMs } = await bare.broadcast(frameText);
      await waitUntil(async () => (await peekTotal(ctx)) >= bareConnected, 30_000);
      const got = await Promise.all(
        ctx.workers.map((w) => w.call<{ received: number; lastAt: number }>({ cmd: 'ws-collect' })),
      );
      bareRounds.push({
        toLast: Math.max(...got.map((g) => g.lastAt)) - sentAt,
        received: got.reduce((s, g) => s + g.received, 0),
        sendLoopMs,
      });
      await sleep(300);
    }
  });
  await Promise.all(ctx.workers.map((w) => w.call({ cmd: 'ws-close' })));
  ctx.probe.unwatch('bare-ws');
  await bare.stop();
  await ctx.recycleWorkers();
  const bareRates = bareRounds.map((r) => r.received / (r.toLast / 1000)).sort((a, b) => a - b);
  const bareToLast = bareRounds.map((r) => r.toLast).sort((a, b) => a - b);
  const rate = quantile(rates, 0.5);
  const bareRate = quantile(bareRates, 0.5);

  const room: Partial = {
    figure: { label: 'deliveries/s (median round)', value: rate, unit: '/s' },
    baseline: { label: 'bare ws broadcast', value: bareRate, unit: '/s' },
    ratio: rate / bareRate,
    ratioNote: 'platform ÷ bare ws (higher is better)',
    met: rate / bareRate >= 0.8,
    bottleneck: bottleneckOf(usage, ctx.cores),
    details: {
      'guests on the gateway': viewers.connected,
      'login failures': viewers.failed,
      'joined the room': joined.connected,
      rounds: rounds.length,
      'time to last receiver, median ms': round(quantile(toLasts, 0.5)),
      'time to last receiver, max ms': round(toLasts[toLasts.length - 1] ?? 0),
      'bare ws time to last, median ms': round(quantile(bareToLast, 0.5)),
      'bare ws send loop, median ms': round(
        quantile(
          bareRounds.map((r) => r.sendLoopMs).sort((a, b) => a - b),
          0.5,
        ),
      ),
      'bare ws clients': bareConnected,
      'frame bytes': Buffer.byteLength(frameText),
    },
    series: [
      {
        name: 'platform: time to last receiver per round',
        unit: 'ms',
        points: rounds.map((r, i) => [i + 1, r.toLast]),
      },
      {
        name: 'bare ws: time to last receiver per round',
        unit: 'ms',
        points: bareRounds.map((r, i) => [i + 1, r.toLast]),
      },
    ],
    usage,
    baselineUsage: base.usage,
  };
  const idle: Partial = {
    figure: { label: 'RSS per authenticated idle connection', value: idlePerConn, unit: 'KB' },
    baseline: { label: 'bare ws idle connection', value: bareIdle, unit: 'KB' },
    ratio: idlePerConn / bareIdle,
    ratioNote: 'platform ÷ bare ws (lower is better)',
    met: idlePerConn <= 10,
    bottleneck: `memory: conn-gateway RSS ${gw0.rss >> 20} → ${gw1.rss >> 20} MiB for ${connected} sessions (bare ws ${bare0.rss >> 20} → ${bare1.rss >> 20} MiB)`,
    details: {
      'logged-in users (idle)': connected,
      'login failures': failed,
      'gateway RSS before MiB': gw0.rss >> 20,
      'gateway RSS after MiB': gw1.rss >> 20,
      'bare ws connections': bareConnected,
      'bare ws RSS before MiB': bare0.rss >> 20,
      'bare ws RSS after MiB': bare1.rss >> 20,
      'snapshots after a full GC': [gw0, gw1, bare0, bare1].every((m) => m.collected)
        ? 'yes'
        : 'no',
      'gateway V8 heap per session KB': round(
        kbPerConnection(gw0.heapUsed, gw1.heapUsed, connected),
        2,
      ),
      'bare ws V8 heap per connection KB': round(
        kbPerConnection(bare0.heapUsed, bare1.heapUsed, bareConnected),
        2,
      ),
    },
  };
  return { room, idle };
}

// --- reconnect storm ---

export async function reconnectStorm(ctx: BenchContext): Promise<Partial> {
  const o = ctx.options;
  const users = Array.from({ length: o.stormClients }, (_, i) => `storm-${i}`);
  // Imported first, as an app's backend would: a client whose login fails still joins its group.
  await importAccounts(ctx, users);
  // As an app would run them: the SDK's periodic sync (60 s) catches up a failed resume.
  const { connected } = await connectUsers(ctx, users, ctx.platform.wsUrls, {
    fastReconnect: true,
    concurrency: 100,
    syncIntervalMs: 60_000,
    syncWithMessages: o.syncWithMessages,
  });
  const groupSize = 500;
  const groups: string[] = [];
  for (let i = 0; i < users.length; i += groupSize)
    groups.push(await createGroup(ctx, 'Public', `storm ${i}`, users.slice(i, i + groupSize)));
  // One message first, so every client knows its conversation before it goes away.
  for (const g of groups) await ctx.host.chat.sendGroup(g, benchBody('storm-warm', now()));
  await waitUntil(async () => (await peekTotal(ctx, 'storm-warm')) >= connected, 60_000);
  await collectAll(ctx, 'storm-warm');

  const dropped = await Promise.all(
    ctx.workers.map((w) => w.call<{ dropped: number }>({ cmd: 'sdk-drop' }, 60_000)),
  );
  ctx.log(`storm: ${dropped.reduce((s, d) => s + d.dropped, 0)} clients offline`);
  await sleep(1000);
  let sent = 0;
  let next = 0;
  const jobs = groups.flatMap((g) => Array.from({ length: o.stormMissed }, () => g));
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < jobs.length) {
        await ctx.host.chat.sendGroup(jobs[next++], benchBody('storm', now()));
        sent++;
      }
    }),
  );
  ctx.log(`storm: ${sent} messages sent while offline; all reconnect now`);
  const timeoutMs = o.quick ? 60_000 : 240_000;
  const startedAt = now();
  const { result, usage } = await measured(ctx.probe, () =>
    Promise.all(
      ctx.workers.map((w) =>
        w.call<RestoreReply>(
          { cmd: 'sdk-restore', tag: 'storm', expected: o.stormMissed, timeoutMs },
          timeoutMs + 30_000,
        ),
      ),
    ),
  );
  const synced = result.reduce((s, r) => s + r.synced, 0);
  const done = result.flatMap((r) => r.doneAt.map((t) => t - startedAt));
  const reconnected = result.flatMap((r) => r.reconnectedAt.map((t) => t - startedAt));
  const doneS = summarize(done);
  const reconnectedS = summarize(reconnected);
  await ctx.recycleWorkers();
  const allInSync = synced === connected;
  const withErrors = result.reduce((s, r) => s + r.withErrors, 0);
  // Round trips and message-service CPU per reconnecting client (issue 16: one sync, no pulls).
  const requests = new Map<string, number>();
  for (const r of result)
    for (const [cmd, n] of Object.entries(r.requests ?? {}))
      requests.set(cmd, (requests.get(cmd) ?? 0) + n);
  const perClient = (n: number) => round(n / Math.max(1, connected), 2);
  const totalRequests = [...requests.values()].reduce((s, n) => s + n, 0);
  const cpuMsPerReconnect = (match: (name: string) => boolean) =>
    round(
      (usage.processes.filter((p) => match(p.name)).reduce((s, p) => s + p.cpuSeconds, 0) * 1000) /
        Math.max(1, connected),
      3,
    );
  return {
    figure: allInSync
      ? { label: 'time until all in sync', value: doneS.max / 1000, unit: 's' }
      : {
          label: `only ${synced}/${connected} in sync within ${timeoutMs / 1000} s; last of them after`,
          value: doneS.max / 1000,
          unit: 's',
        },
    bottleneck: bottleneckOf(usage, ctx.cores),
    details: {
      clients: connected,
      'in sync': synced,
      groups: groups.length,
      'missed messages per client': o.stormMissed,
      'reconnected p50 s': round(reconnectedS.p50 / 1000, 2),
      'reconnected p99 s': round(reconnectedS.p99 / 1000, 2),
      'in sync p50 s': round(doneS.p50 / 1000, 2),
      'in sync p99 s': round(doneS.p99 / 1000, 2),
      'in sync max s': round(doneS.max / 1000, 2),
      'messages gap-filled': done.length * o.stormMissed,
      'SDK syncWithMessages': o.syncWithMessages ?? 'SDK default (20)',
      'requests per reconnecting client': perClient(totalRequests),
      'requests per client by command': [...requests]
        .sort((a, b) => b[1] - a[1])
        .map(([cmd, n]) => `${cmd} ${perClient(n)}`)
        .join(', '),
      'message-service CPU ms per reconnect': cpuMsPerReconnect(
        (name) => name === 'message' || name.startsWith('message-'),
      ),
      'postgres CPU ms per reconnect': cpuMsPerReconnect((name) => name === 'postgres'),
      'clients with an SDK error after reconnecting': withErrors,
      'first SDK error': result.find((r) => r.firstError)?.firstError ?? '—',
      'not in sync at the end': notInSyncSummary(result.map((r) => r.notInSync)),
    },
    cdfs: [{ name: 'time until a client is in sync', points: cdfPoints(done) }],
    usage,
  };
}

/** The most common states of the clients not in sync, summed over the workers. */
function notInSyncSummary(parts: Record<string, number>[]): string {
  const total = new Map<string, number>();
  for (const part of parts)
    for (const [key, n] of Object.entries(part ?? {})) total.set(key, (total.get(key) ?? 0) + n);
  const top = [...total].sort((a, b) => b[1] - a[1]).slice(0, 4);
  return top.length ? top.map(([key, n]) => `${n}× ${key}`).join('; ') : '—';
}

// --- REST edge ---

export async function restEdge(ctx: BenchContext): Promise<Partial> {
  const o = ctx.options;
  const accounts = Array.from({ length: 100 }, (_, i) => `rest-${i}`);
  await importAccounts(ctx, accounts);
  const query = (base: string) => {
    const url = new URL(`${base}/v4/openim/sendmsg`);
    url.searchParams.set('sdkappid', String(ctx.app.sdkAppId));
    url.searchParams.set('identifier', ctx.app.adminIdentifiers[0]);
    url.searchParams.set(
      'usersig',
      signUserSig({
        sdkAppId: ctx.app.sdkAppId,
        secretKey: ctx.app.secretKey,
        identifier: ctx.app.adminIdentifiers[0],
        expireSeconds: 86_400,
      }),
    );
    url.searchParams.set('contenttype', 'json');
    return url.toString();
  };
  const load = (url: string) =>
    Promise.all(
      ctx.workers.map((w) =>
        w.call<LoadReply>(
          {
            cmd: 'http-load',
            url,
            toAccounts: accounts,
            connections: Math.max(1, Math.floor(o.restConnections / ctx.workers.length)),
            durationMs: o.restMs,
            maxCount: 10_000_000,
          },
          o.restMs + 60_000,
        ),
      ),
    );
  const rateOf = (replies: LoadReply[]) =>
    replies.reduce((s, r) => s + r.count, 0) /
    ((Math.max(...replies.map((r) => r.endedAt)) - Math.min(...replies.map((r) => r.startedAt))) /
      1000);
  const idle = await idleWindow(ctx);
  ctx.log(`REST edge: openim/sendmsg with ${o.restConnections} keep-alive connections`);
  const platform = await measured(ctx.probe, () => load(query(ctx.platform.restUrl)));
  const fastify = await BaselineServer.start('fastify');
  ctx.probe.watch({ name: 'fastify', pid: fastify.pid, kind: 'baseline' });
  ctx.log('REST edge baseline: a Fastify route returning the same envelope');
  const base = await measured(ctx.probe, () => load(query(`http://127.0.0.1:${fastify.port}`)));
  ctx.probe.unwatch('fastify');
  await fastify.stop();
  const rate = rateOf(platform.result);
  const baseRate = rateOf(base.result);
  const lat = summarize(platform.result.flatMap((r) => r.latencies));
  const baseLat = summarize(base.result.flatMap((r) => r.latencies));
  return {
    figure: { label: 'openim/sendmsg', value: rate, unit: 'req/s' },
    baseline: { label: 'Fastify route', value: baseRate, unit: 'req/s' },
    ratio: rate / baseRate,
    ratioNote: 'platform ÷ Fastify (higher is better)',
    met: rate >= 3000,
    bottleneck: bottleneckOf(platform.usage, ctx.cores),
    details: {
      connections: o.restConnections,
      'requests ok': platform.result.reduce((s, r) => s + r.count, 0),
      errors: platform.result.reduce((s, r) => s + r.errors, 0),
      'first error': platform.result.find((r) => r.firstError)?.firstError ?? '—',
      'p50 ms': round(lat.p50),
      'p99 ms': round(lat.p99),
      'baseline p50 ms': round(baseLat.p50, 2),
      'baseline p99 ms': round(baseLat.p99, 2),
    },
    cdfs: [
      { name: 'sendmsg latency', points: cdfPoints(platform.result.flatMap((r) => r.latencies)) },
      { name: 'Fastify latency', points: cdfPoints(base.result.flatMap((r) => r.latencies)) },
    ],
    cpuCost: cpuCost(
      platform.usage,
      platform.result.reduce((s, r) => s + r.count, 0),
      'sendmsg answered OK',
      idle,
    ),
    usage: platform.usage,
    baselineUsage: base.usage,
  };
}

// --- AVChatRoom with 100,000 joined members (group service over NATS) ---

export async function bigRoomMembers(ctx: BenchContext): Promise<Partial> {
  const o = ctx.options;
  const { groupId } = await ctx.host.client.request<{ groupId: string }>('group.create', {
    type: 'AVChatRoom',
    name: 'big room',
  });
  const users = Array.from({ length: o.bigRoomMembers }, (_, i) => `viewer-${i}`);
  const shares = deal(users, ctx.workers.length);
  // all 100,000 must get in at a few hundred joins/s on 2 cores
  const timeoutMs = o.quick ? 60_000 : 600_000;
  const run = (action: 'join' | 'leave') =>
    measured(ctx.probe, () =>
      Promise.all(
        ctx.workers.map((w, i) =>
          w.call<LoadReply>(
            {
              cmd: 'room-members',
              natsUrl: ctx.natsUrl,
              sdkAppId: ctx.app.sdkAppId,
              groupId,
              userIds: shares[i],
              action,
              window: 100,
              timeoutMs,
            },
            timeoutMs + 60_000,
          ),
        ),
      ),
    );
  ctx.log(`AVChatRoom: ${users.length} joins over NATS (${GROUP_JOIN})`);
  const join = await run('join');
  const online = await ctx.host.client
    .request<{ count?: number; onlineCount?: number }>('group.get-online-count', { groupId })
    .catch(() => undefined);
  ctx.log(`AVChatRoom: ${users.length} leaves over NATS`);
  const leave = await run('leave');
  const stats = (replies: LoadReply[]) => {
    const count = replies.reduce((s, r) => s + r.count, 0);
    const seconds =
      (Math.max(...replies.map((r) => r.endedAt)) - Math.min(...replies.map((r) => r.startedAt))) /
      1000;
    return {
      count,
      errors: replies.reduce((s, r) => s + r.errors, 0),
      error: replies.find((r) => r.firstError)?.firstError,
      rate: count / seconds,
      seconds,
      lat: summarize(replies.flatMap((r) => r.latencies)),
    };
  };
  const j = stats(join.result);
  const l = stats(leave.result);
  return {
    figure: { label: `joins/s to ${j.count} members`, value: j.rate, unit: '/s' },
    bottleneck: bottleneckOf(join.usage, ctx.cores),
    details: {
      members: users.length,
      'joined ok': j.count,
      'join errors': j.errors,
      'first join error': j.error ?? '—',
      'join total s': round(j.seconds, 2),
      'join p50 ms': round(j.lat.p50, 2),
      'join p99 ms': round(j.lat.p99, 2),
      'online count after joins': JSON.stringify(online ?? '—'),
      'leaves ok': l.count,
      'leave errors': l.errors,
      'leaves/s': round(l.rate),
      'leave p50 ms': round(l.lat.p50, 2),
      'leave p99 ms': round(l.lat.p99, 2),
      'leave bottleneck': bottleneckOf(leave.usage, ctx.cores),
    },
    usage: join.usage,
    baselineUsage: leave.usage,
  };
}

const GROUP_JOIN = 'group.rpc.apply-join / group.rpc.quit';
