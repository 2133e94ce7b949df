import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** A process the bench watches: a service (with its ops port), a server or a load generator. */
export interface WatchedProcess {
  name: string;
  pid: number;
  /** Ops port of a platform service (`/metrics`). */
  opsPort?: number;
  /** Also count the CPU of its child processes (postgres backends). */
  withChildren?: boolean;
  kind: 'service' | 'server' | 'load' | 'baseline';
}

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  loadAverage: number[];
  node: string;
  platform: string;
  hostname: string;
  startedAt: string;
}

export function machineInfo(): MachineInfo {
  return {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((os.freemem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
  };
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) of a process so far; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Children of a process (one level: enough for the postmaster's backends). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.split(') ')[1].split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Resident set size of a process in bytes (VmRSS). */
export function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Busy and total jiffies of the whole machine. */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0);
  const total = v.reduce((s, x) => s + x, 0);
  return { busy: total - idle, total };
}

interface ProcessSnapshot {
  cpu: number;
  children: Map<number, number>;
}

interface Snapshot {
  at: number;
  /** µs of the monotonic clock (`process.hrtime`), the clock of V8's CPU profiles. */
  hrUs: number;
  machine: { busy: number; total: number };
  processes: Map<string, ProcessSnapshot>;
}

/** Per-service figures read from `/metrics` over a scenario. */
export interface ServiceMetrics {
  /** Event-loop delay p99 (ms) since the previous scrape (prom-client resets it per scrape). */
  eventLoopP99Ms?: number;
  /** The subjects this process spent the most handling time on in the window. */
  topSubjects: { subject: string; count: number; meanMs: number; totalS: number }[];
  /** Requests this process dropped unprocessed in the window (their requester had given up). */
  dropped: number;
  /** Requests this process answered busy (60018) at once in the window (admission). */
  busy: number;
  /** Requests this process sent that got no answer in time in the window, per subject. */
  timedOut: { subject: string; count: number }[];
}

export interface ProcessUsage {
  name: string;
  kind: WatchedProcess['kind'];
  /** CPU used in the window as a share of one core (100 = one core busy). */
  cpuPercent: number;
  /** CPU seconds used in the window (user + system, with its children when watched so). */
  cpuSeconds: number;
  rssMiB: number;
  metrics?: ServiceMetrics;
}

export interface UsageWindow {
  seconds: number;
  /** Busy share of all cores (100 = every core busy). */
  machineCpuPercent: number;
  /** CPU of the processes the bench watches (platform, servers, load), % of one core. */
  benchCpuPercent: number;
  /** CPU of everything else on the machine (other users), % of one core. */
  otherCpuPercent: number;
  processes: ProcessUsage[];
  postgres?: PgWindow;
}

interface Histo {
  sum: Map<string, number>;
  count: Map<string, number>;
  /** `im_rpc_handled_total` with outcome expired (shed: before busy answers), all subjects. */
  dropped: number;
  /** `im_rpc_handled_total` with outcome busy, all subjects. */
  busy: number;
  /** `im_rpc_requests_total` with outcome timeout, per subject. */
  timedOut: Map<string, number>;
}

/**
 * Parses the `im_rpc_handle_seconds` sums/counts, the requests dropped unprocessed, the
 * requests sent that timed out and the event-loop p99 from a scrape.
 */
export function parseMetrics(text: string): { lagP99?: number; histo: Histo } {
  const histo: Histo = {
    sum: new Map(),
    count: new Map(),
    dropped: 0,
    busy: 0,
    timedOut: new Map(),
  };
  let lagP99: number | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('nodejs_eventloop_lag_p99_seconds')) {
      lagP99 = Number(line.split(' ').pop());
      continue;
    }
    const counter = /^im_rpc_(handled|requests)_total\{([^}]*)\} ([\d.e+-]+)/.exec(line);
    if (counter) {
      const outcome = /outcome="([^"]*)"/.exec(counter[2])?.[1];
      const value = Number(counter[3]);
      if (counter[1] === 'handled' && (outcome === 'expired' || outcome === 'shed'))
        histo.dropped += value;
      if (counter[1] === 'handled' && outcome === 'busy') histo.busy += value;
      if (counter[1] === 'requests' && outcome === 'timeout') {
        const subject = /subject="([^"]*)"/.exec(counter[2])?.[1] ?? '?';
        histo.timedOut.set(subject, (histo.timedOut.get(subject) ?? 0) + value);
      }
      continue;
    }
    const m = /^im_rpc_handle_seconds_(sum|count)\{([^}]*)\} ([\d.e+-]+)/.exec(line);
    if (!m) continue;
    const subject = /subject="([^"]*)"/.exec(m[2])?.[1] ?? '?';
    const map = m[1] === 'sum' ? histo.sum : histo.count;
    map.set(subject, (map.get(subject) ?? 0) + Number(m[3]));
  }
  return { lagP99, histo };
}

async function scrape(port: number): Promise<string | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
      signal: AbortSignal.timeout(3000),
    });
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Watches CPU (from /proc) and the services' `/metrics` over a window: `begin()` before a
 * scenario's load, `end()` after it.
 */
export class UsageProbe {
  private readonly processes = new Map<string, WatchedProcess>();
  /** Every measured window so far, in µs of the monotonic clock (CPU profiles' clock). */
  readonly windows: [number, number][] = [];

  constructor(private readonly pg?: PgSampler) {}

  watch(p: WatchedProcess): void {
    this.processes.set(p.name, p);
  }

  unwatch(name: string): void {
    this.processes.delete(name);
  }

  async begin(): Promise<{ snap: Snapshot; histos: Map<string, Histo> }> {
    const histos = new Map<string, Histo>();
    await Promise.all(
      [...this.processes.values()]
        .filter((p) => p.opsPort)
        .map(async (p) => {
          const text = await scrape(p.opsPort!);
          if (text) histos.set(p.name, parseMetrics(text).histo);
        }),
    );
    await this.pg?.begin();
    return { snap: this.snapshot(), histos };
  }

  /** Ends a window; `underLoad` false (an idle window) keeps it out of `windows`. */
  async end(
    start: { snap: Snapshot; histos: Map<string, Histo> },
    underLoad = true,
  ): Promise<UsageWindow> {
    const now = this.snapshot();
    if (underLoad) this.windows.push([start.snap.hrUs, now.hrUs]);
    const postgres = await this.pg?.end();
    const seconds = (now.at - start.snap.at) / 1000;
    const metrics = new Map<string, ServiceMetrics>();
    await Promise.all(
      [...this.processes.values()]
        .filter((p) => p.opsPort)
        .map(async (p) => {
          const text = await scrape(p.opsPort!);
          if (!text) return;
          const parsed = parseMetrics(text);
          const before = start.histos.get(p.name);
          const topSubjects = [...parsed.histo.sum.entries()]
            .map(([subject, sum]) => {
              const count =
                (parsed.histo.count.get(subject) ?? 0) - (before?.count.get(subject) ?? 0);
              const totalS = sum - (before?.sum.get(subject) ?? 0);
              return { subject, count, totalS, meanMs: count > 0 ? (totalS / count) * 1000 : 0 };
            })
            .filter((s) => s.count > 0)
            .sort((a, b) => b.totalS - a.totalS)
            .slice(0, 3);
          const timedOut = [...parsed.histo.timedOut.entries()]
            .map(([subject, n]) => ({ subject, count: n - (before?.timedOut.get(subject) ?? 0) }))
            .filter((t) => t.count > 0)
            .sort((a, b) => b.count - a.count);
          metrics.set(p.name, {
            eventLoopP99Ms: parsed.lagP99 === undefined ? undefined : parsed.lagP99 * 1000,
            topSubjects,
            dropped: parsed.histo.dropped - (before?.dropped ?? 0),
            busy: parsed.histo.busy - (before?.busy ?? 0),
            timedOut,
          });
        }),
    );
    const processes: ProcessUsage[] = [];
    for (const p of this.processes.values()) {
      const a = start.snap.processes.get(p.name);
      const b = now.processes.get(p.name);
      if (!a || !b) continue;
      let cpu = b.cpu - a.cpu;
      for (const [child, used] of b.children) cpu += used - (a.children.get(child) ?? 0);
      processes.push({
        name: p.name,
        kind: p.kind,
        cpuPercent: seconds > 0 ? Math.round((cpu / seconds) * 1000) / 10 : 0,
        cpuSeconds: Math.round(cpu * 1000) / 1000,
        rssMiB: Math.round(rssOf(p.pid) / 2 ** 20),
        metrics: metrics.get(p.name),
      });
    }
    processes.sort((x, y) => y.cpuPercent - x.cpuPercent);
    const busy = now.machine.busy - start.snap.machine.busy;
    const total = now.machine.total - start.snap.machine.total;
    const machineCpuPercent = total > 0 ? Math.round((busy / total) * 1000) / 10 : 0;
    const benchCpuPercent = Math.round(processes.reduce((sum, p) => sum + p.cpuPercent, 0));
    return {
      seconds: Math.round(seconds * 100) / 100,
      machineCpuPercent,
      benchCpuPercent,
      otherCpuPercent: Math.max(
        0,
        Math.round(machineCpuPercent * os.availableParallelism() - benchCpuPercent),
      ),
      processes,
      postgres,
    };
  }

  /**
   * Waits until the services together use less than `busyPercent` of one core over a second
   * (queued work done), at most `timeoutMs`; returns the seconds waited.
   */
  async settle(timeoutMs: number, busyPercent = 30): Promise<number> {
    const started = Date.now();
    const services = [...this.processes.values()].filter((p) => p.kind === 'service');
    while (Date.now() - started < timeoutMs) {
      const before = services.map((p) => cpuSecondsOf(p.pid));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const used = services.reduce((sum, p, i) => sum + cpuSecondsOf(p.pid) - before[i], 0);
      if (used * 100 < busyPercent) break;
    }
    return (Date.now() - started) / 1000;
  }

  private snapshot(): Snapshot {
    const processes = new Map<string, ProcessSnapshot>();
    for (const p of this.processes.values()) {
      const children = new Map<number, number>();
      if (p.withChildren) for (const c of childrenOf(p.pid)) children.set(c, cpuSecondsOf(c));
      processes.set(p.name, { cpu: cpuSecondsOf(p.pid), children });
    }
    return {
      at: Date.now(),
      hrUs: Number(process.hrtime.bigint() / 1000n),
      machine: machineTicks(),
      processes,
    };
  }
}

/**
 * Names what limited a scenario from its usage window: the whole machine's CPU, one process
 * pegging its single thread, or (when nothing is busy) the waiting itself.
 */
export function bottleneckOf(usage: UsageWindow, cores: number): string {
  const top = usage.processes.filter((p) => p.cpuPercent > 0).slice(0, 3);
  if (top.length === 0) return 'no measurable CPU use';
  const list = top.map((p) => `${p.name} ${Math.round(p.cpuPercent)}%`).join(', ');
  const first = top[0];
  const lag = first.metrics?.eventLoopP99Ms;
  const lagText = lag !== undefined ? `, event-loop p99 ${Math.round(lag)} ms` : '';
  const subject = first.metrics?.topSubjects[0];
  const subjectText = subject
    ? `, mostly ${subject.subject} (${subject.meanMs.toFixed(1)} ms avg)`
    : '';
  const pg = usage.postgres;
  const pgWait = pg?.waits.find((w) => w.wait !== 'CPU' && !w.wait.startsWith('Client'));
  const pgText =
    pg && pg.activeBackends >= 1
      ? `; PostgreSQL ${pg.commitsPerSec} commits/s, ${pg.activeBackends} busy backends` +
        (pgWait ? `, mostly waiting on ${pgWait.wait} (${Math.round(pgWait.share * 100)}%)` : '')
      : '';
  const others =
    usage.otherCpuPercent >= 10 ? ` (${usage.otherCpuPercent}% of a core used by other work)` : '';
  if (usage.machineCpuPercent >= 85)
    return `machine CPU saturated (${usage.machineCpuPercent}% of ${cores} cores${others}); top: ${list}${first.kind === 'service' ? lagText + subjectText : ''}${pgText}`;
  if (first.cpuPercent >= 85)
    return `${first.name} single thread CPU-bound (${Math.round(first.cpuPercent)}%${lagText})${subjectText}; then ${list}${pgText}`;
  if (pg && pg.activeBackends >= 2 && pgWait)
    return `PostgreSQL: ${pg.activeBackends} busy backends, mostly waiting on ${pgWait.wait} (${Math.round(pgWait.share * 100)}%), ${pg.commitsPerSec} commits/s; CPU: ${list}`;
  return `not CPU-bound (machine ${usage.machineCpuPercent}%); waits dominate; top: ${list}${first.kind === 'service' ? lagText + subjectText : ''}${pgText}`;
}

/** What PostgreSQL did over a window: commits and what its busy backends waited on. */
export interface PgWindow {
  commitsPerSec: number;
  /** Average number of active (non-idle) backends of the platform's databases. */
  activeBackends: number;
  /** Share of active-backend samples per wait (`IO:WALSync`, `Lock:tuple`, `CPU` = none). */
  waits: { wait: string; share: number }[];
}

/**
 * Samples `pg_stat_activity` every 100 ms while a window is open and counts commits from
 * `pg_stat_database`, so the report can tell a PostgreSQL-bound scenario (WAL fsyncs, row
 * locks) from a CPU-bound one.
 */
export class PgSampler {
  private client?: import('pg').Client;
  private timer?: ReturnType<typeof setInterval>;
  private samples = 0;
  private active = 0;
  private waits = new Map<string, number>();
  private commits0 = 0;
  private startedAt = 0;
  private busy = false;

  constructor(private readonly url: string) {}

  async begin(): Promise<void> {
    try {
      if (!this.client) {
        const { Client } = await import('pg');
        this.client = new Client({ connectionString: this.url });
        await this.client.connect();
      }
      this.samples = 0;
      this.active = 0;
      this.waits = new Map();
      this.commits0 = await this.commits();
      this.startedAt = Date.now();
      this.timer = setInterval(() => void this.sample(), 100);
    } catch {
      this.client = undefined;
    }
  }

  async end(): Promise<PgWindow | undefined> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.client) return undefined;
    const seconds = (Date.now() - this.startedAt) / 1000;
    const commits = (await this.commits()) - this.commits0;
    const total = [...this.waits.values()].reduce((s, n) => s + n, 0);
    return {
      commitsPerSec: Math.round(commits / Math.max(0.001, seconds)),
      activeBackends: this.samples ? Math.round((this.active / this.samples) * 10) / 10 : 0,
      waits: [...this.waits.entries()]
        .map(([wait, n]) => ({ wait, share: total ? Math.round((n / total) * 100) / 100 : 0 }))
        .sort((a, b) => b.share - a.share)
        .slice(0, 4),
    };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async commits(): Promise<number> {
    const res = await this.client!.query<{ n: string }>(
      "SELECT coalesce(sum(xact_commit), 0)::text AS n FROM pg_stat_database WHERE datname LIKE 'im\\_%'",
    );
    return Number(res.rows[0]?.n ?? 0);
  }

  private async sample(): Promise<void> {
    if (this.busy || !this.client) return;
    this.busy = true;
    try {
      const res = await this.client.query<{ wait: string | null }>(
        "SELECT wait_event_type || ':' || wait_event AS wait FROM pg_stat_activity " +
          "WHERE datname LIKE 'im\\_%' AND state = 'active' AND pid <> pg_backend_pid()",
      );
      this.samples++;
      this.active += res.rows.length;
      for (const row of res.rows) {
        const wait = row.wait ?? 'CPU';
        this.waits.set(wait, (this.waits.get(wait) ?? 0) + 1);
      }
    } catch {
      // sampling is best effort
    } finally {
      this.busy = false;
    }
  }
}
