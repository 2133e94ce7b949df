import type { ProcessUsage, UsageWindow } from './probes';

/**
 * The rows of the CPU cost table, in the order a C2C message crosses them; a process is put in
 * the first row whose name matches (conn-gateway instances are summed into one row).
 */
export const CPU_COST_ROWS: readonly { row: string; match: (p: ProcessUsage) => boolean }[] = [
  { row: 'api-gateway', match: (p) => p.name === 'api-gateway' },
  { row: 'conn-gateway', match: (p) => /^conn-gateway(-\d+)?$/.test(p.name) },
  { row: 'message', match: (p) => p.name === 'message' },
  { row: 'push', match: (p) => p.name === 'push' },
  { row: 'callback-dispatcher', match: (p) => p.name === 'callback-dispatcher' },
  { row: 'profile', match: (p) => p.name === 'profile' },
  { row: 'account', match: (p) => p.name === 'account' },
  { row: 'group', match: (p) => p.name === 'group' },
  { row: 'other services', match: (p) => p.kind === 'service' },
  { row: 'postgres', match: (p) => p.name === 'postgres' },
  { row: 'nats-server', match: (p) => p.name === 'nats-server' },
  { row: 'redis-server', match: (p) => p.name === 'redis-server' },
];

export interface CpuCostRow {
  /** Row name (`conn-gateway` sums every gateway instance). */
  row: string;
  /** The processes summed into the row. */
  processes: string[];
  cpuSeconds: number;
  /** CPU µs this row spent per message handled in the window. */
  usPerMessage: number;
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
  /** The load generators, apart (they are not the platform's cost). */
  load: CpuCostRow;
}

const us = (cpuSeconds: number, messages: number) =>
  messages > 0 ? Math.round((cpuSeconds / messages) * 1e6 * 10) / 10 : 0;

/**
 * The CPU each process used in a window divided by the messages handled in it. Baselines (a
 * bare ws server, the NATS echo, Fastify) are left out; load generators are a row apart.
 */
export function cpuCost(usage: UsageWindow, messages: number, counted: string): CpuCost {
  const rows = new Map<string, CpuCostRow>(
    CPU_COST_ROWS.map(({ row }) => [row, { row, processes: [], cpuSeconds: 0, usPerMessage: 0 }]),
  );
  const load: CpuCostRow = {
    row: 'load generators',
    processes: [],
    cpuSeconds: 0,
    usPerMessage: 0,
  };
  for (const p of usage.processes) {
    const target =
      p.kind === 'load'
        ? load
        : p.kind === 'baseline'
          ? undefined
          : rows.get(CPU_COST_ROWS.find((r) => r.match(p))?.row ?? '');
    if (!target) continue;
    target.processes.push(p.name);
    target.cpuSeconds += p.cpuSeconds;
  }
  const all = [...rows.values()];
  for (const r of [...all, load]) {
    r.processes.sort();
    r.cpuSeconds = Math.round(r.cpuSeconds * 1000) / 1000;
    r.usPerMessage = us(r.cpuSeconds, messages);
  }
  const total = all.reduce((s, r) => s + r.cpuSeconds, 0);
  return {
    messages,
    counted,
    seconds: usage.seconds,
    rows: all,
    totalUsPerMessage: us(total, messages),
    load,
  };
}
