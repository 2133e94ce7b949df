/** Percentiles and summaries of latency samples (milliseconds). */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** The q-quantile (0..1) of sorted values, nearest rank; 0 for no values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : 0,
    mean: sorted.length ? sum / sorted.length : 0,
  };
}

/** Up to `points` (value, share ≤ value) pairs of the distribution, for a CDF chart. */
export function cdfPoints(values: readonly number[], points = 100): [number, number][] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const out: [number, number][] = [];
  for (let i = 1; i <= points; i++) {
    const q = i / points;
    out.push([quantile(sorted, q), q]);
  }
  return out;
}

/** A random sample of at most `max` values (keeps what goes over IPC and into JSON small). */
export function sample(values: readonly number[], max: number): number[] {
  if (values.length <= max) return [...values];
  const out: number[] = [];
  const step = values.length / max;
  for (let i = 0; i < max; i++) out.push(values[Math.floor(i * step)]);
  return out;
}

export const round = (value: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
