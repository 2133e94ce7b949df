import type { ProcessUsage, UsageWindow } from './probes';

/** `name` or one of its further instances (`message-2`, the cluster's `nats-server-3`). */
const instanceOf = (p: ProcessUsage, name: string) =>
  p.name === name || new RegExp(`^${name}-\\d+$`).test(p.name);

/**
 * The rows of the CPU cost table, in the order a C2C message crosses them; a process is put in
 * the first row whose name matches (the instances of a service or server are summed into one
 * row).
 */
export const CPU_COST_ROWS: readonly { row: string; match: (p: ProcessUsage) => boolean }[] = [
  { row: 'api-gateway', match: (p) => instanceOf(p, 'api-gateway') },
  { row: 'conn-gateway', match: (p) => instanceOf(p, 'conn-gateway') },
  { row: 'message', match: (p) => instanceOf(p, 'message') },
  { row: 'push', match: (p) => instanceOf(p, 'push') },
  { row: 'callback-dispatcher', match: (p) => instanceOf(p, 'callback-dispatcher') },
  { row: 'profile', match: (p) => instanceOf(p, 'profile') },
  { row: 'account', match: (p) => instanceOf(p, 'account') },
  { row: 'group', match: (p) => instanceOf(p, 'group') },
  { row: 'other services', match: (p) => p.kind === 'service' },
  { row: 'postgres', match: (p) => instanceOf(p, 'postgres') },
  { row: 'nats-server', match: (p) => instanceOf(p, 'nats-server') },
  { row: 'redis-server', match: (p) => instanceOf(p, 'redis-server') },
];

export interface CpuCostRow {
  /** Row name (`conn-gateway` sums every gateway instance). */
  row: string;
  /** The processes summed into the row. */
  processes: string[];
  cpuSeconds: number;
  /** CPU µs this row spent per message handled in the window. */
  usPerMessage: number;
  /**
   * With an idle window: the same less what the row used idle over as long a time (timers,
   * scrapes), at least 0 — the cost the messages added.
   */
  usAboveIdle?: number;
}

/** µs of CPU per message per process over one measured window (results.json `cpuCost`). */
export interface CpuCost {
  /** Messages the platform handled in the window (the divisor). */
  messages: number;
  /** What was counted as a message handled (e.g. "sends acked"). */
  counted: string;
  seconds: number;
  /** The platform's processes and servers (always every row of CPU_COST_ROWS, 0 when idle). */
  rows: CpuCostRow[];
  /** Sum over `rows`: the platform's CPU per message. */
  totalUsPerMessage: number;
  /** The platform's CPU per message less its idle CPU over the window (when measured idle). */
  totalUsAboveIdle?: number;
  /** Length of the idle window measured just before (s), when one was. */
  idleSeconds?: number;
  /** The load generators, apart (they are not the platform's cost). */
  load: CpuCostRow;
}

const us = (cpuSeconds: number, messages: number) =>
  messages > 0 ? Math.round((cpuSeconds / messages) * 1e6 * 10) / 10 : 0;

/** The row a process is counted in ('load generators' apart; undefined: left out). */
function rowOf(p: ProcessUsage): string | undefined {
  if (p.kind === 'load') return 'load generators';
  if (p.kind === 'baseline') return undefined;
  return CPU_COST_ROWS.find((r) => r.match(p))?.row;
}

/**
 * The CPU each process used in a window divided by the messages handled in it. Baselines (a
 * bare ws server, the NATS echo, Fastify) are left out; load generators are a row apart. With
 * `idle` (a window of the same processes with no load, just before), each row also gets its
 * cost above idle: its CPU less its idle rate over the window's length.
 */
export function cpuCost(
  usage: UsageWindow,
  messages: number,
  counted: string,
  idle?: UsageWindow,
): CpuCost {
  const rows = new Map<string, CpuCostRow>(
    [...CPU_COST_ROWS.map(({ row }) => row), 'load generators'].map((row) => [
      row,
      { row, processes: [], cpuSeconds: 0, usPerMessage: 0 },
    ]),
  );
  for (const p of usage.processes) {
    const target = rows.get(rowOf(p) ?? '');
    if (!target) continue;
    target.processes.push(p.name);
    target.cpuSeconds += p.cpuSeconds;
  }
  const idleRate = new Map<string, number>();
  if (idle && idle.seconds > 0)
    for (const p of idle.processes) {
      const row = rowOf(p);
      if (row) idleRate.set(row, (idleRate.get(row) ?? 0) + p.cpuSeconds / idle.seconds);
    }
  const load = rows.get('load generators')!;
  rows.delete('load generators');
  const all = [...rows.values()];
  let totalAbove = 0;
  for (const r of [...all, load]) {
    r.processes.sort();
    r.cpuSeconds = Math.round(r.cpuSeconds * 1000) / 1000;
    r.usPerMessage = us(r.cpuSeconds, messages);
    if (idle) {
      const above = Math.max(0, r.cpuSeconds - (idleRate.get(r.row) ?? 0) * usage.seconds);
      r.usAboveIdle = us(above, messages);
      if (r !== load) totalAbove += above;
    }
  }
  const total = all.reduce((s, r) => s + r.cpuSeconds, 0);
  return {
    messages,
    counted,
    seconds: usage.seconds,
    rows: all,
    totalUsPerMessage: us(total, messages),
    ...(idle ? { totalUsAboveIdle: us(totalAbove, messages), idleSeconds: idle.seconds } : {}),
    load,
  };
}
