import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The parts of a V8 `.cpuprofile` (Chrome DevTools format) the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
    hitCount?: number;
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  /** Node id of each sample. */
  samples?: number[];
  /** µs since the previous sample (the first: since startTime). */
  timeDeltas?: number[];
}

export interface ProfileFrame {
  /** Function name, `(anonymous)` when it has none, or a V8 pseudo-frame like `(garbage collector)`. */
  fn: string;
  /** Script (shortened: from the repository root or from `node_modules/`) and 1-based line. */
  where: string;
  selfMs: number;
  /** Share of the busy samples (every sample but `(idle)`), in %. */
  percent: number;
}

export interface ProfileSummary {
  /** The process (from the file name `<name>-<time>.cpuprofile`). */
  process: string;
  file: string;
  /** Only the samples inside the given windows were counted (else the whole profile). */
  windowed: boolean;
  /** Wall time the counted samples cover (ms). */
  durationMs: number;
  /** Time in samples that were not `(idle)` (ms). */
  busyMs: number;
  samples: number;
  top: ProfileFrame[];
}

const IDLE = '(idle)';

/** Shortens a script URL: from the repository's `apps/`/`libs/` or `node_modules/`, no `file://`. */
export function shortUrl(url: string): string {
  if (!url) return '';
  const plain = url.replace(/^file:\/\//, '');
  const nm = plain.lastIndexOf('/node_modules/');
  if (nm >= 0) return plain.slice(nm + 1);
  const repo = /\/((?:apps|libs|bench|tools)\/.*)$/.exec(plain);
  return repo ? repo[1] : plain;
}

/** A time range on the profile's clock (µs of the monotonic clock: `process.hrtime`). */
export type ProfileWindow = [startUs: number, endUs: number];

/**
 * Self time per function of a profile: each sample's time (the delta to the next sample; the
 * last sample gets the mean interval) summed by function name, script and line, heaviest
 * first, `(idle)` left out. With `windows`, only the samples taken inside one of them count
 * (the bench's load windows: start-up and set-up left out). Without samples (an old format) it
 * falls back to hit counts times the mean interval, over the whole profile.
 */
export function summarizeProfile(
  profile: CpuProfile,
  processName: string,
  file = '',
  topN = 15,
  windows?: ProfileWindow[],
): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let durationUs = Math.max(0, profile.endTime - profile.startTime);
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const inWindow = (t: number) => !windows || windows.some(([a, b]) => t >= a && t < b);
  let sampleCount = 0;
  if (samples.length > 0) {
    const mean = durationUs / samples.length;
    let at = profile.startTime;
    let covered = 0;
    for (let i = 0; i < samples.length; i++) {
      at += deltas[i] ?? 0;
      if (!inWindow(at)) continue;
      const next = deltas[i + 1];
      const t = next !== undefined && next >= 0 ? next : mean;
      selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + t);
      covered += t;
      sampleCount++;
    }
    durationUs = covered;
  } else {
    const hits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
    const mean = hits > 0 ? durationUs / hits : 0;
    for (const n of profile.nodes) if (n.hitCount) selfUs.set(n.id, n.hitCount * mean);
    sampleCount = hits;
  }
  const frames = new Map<string, { fn: string; where: string; us: number }>();
  let busyUs = 0;
  for (const [id, t] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const fn = frame.functionName || '(anonymous)';
    if (fn === IDLE) continue;
    busyUs += t;
    const url = shortUrl(frame.url);
    const where = url ? `${url}:${frame.lineNumber + 1}` : '';
    const key = `${fn}\u0000${where}`;
    const entry = frames.get(key) ?? { fn, where, us: 0 };
    entry.us += t;
    frames.set(key, entry);
  }
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const top = [...frames.values()]
    .sort((a, b) => b.us - a.us || a.fn.localeCompare(b.fn))
    .slice(0, topN)
    .map((f) => ({
      fn: f.fn,
      where: f.where,
      selfMs: r1(f.us / 1000),
      percent: busyUs > 0 ? r1((f.us / busyUs) * 100) : 0,
    }));
  return {
    process: processName,
    file,
    windowed: windows !== undefined && samples.length > 0,
    durationMs: r1(durationUs / 1000),
    busyMs: r1(busyUs / 1000),
    samples: sampleCount,
    top,
  };
}

/** `message-1765123456789.cpuprofile` → `message` (the name service-process.ts gives). */
export function processOfProfile(file: string): string {
  return path
    .basename(file)
    .replace(/-\d+\.cpuprofile$/, '')
    .replace(/\.cpuprofile$/, '');
}

/**
 * Summaries of the `.cpuprofile` files in `dir` written since `sinceMs` (this run's), the
 * busiest processes first: at most `maxProcesses`, and only those with at least `minShare` of
 * the busiest one's busy time. With `windows`, only their samples count; a profile with no
 * sample in them (another clock) is summarised whole. Unreadable files are skipped.
 */
export function summarizeProfileDir(
  dir: string,
  sinceMs: number,
  windows?: ProfileWindow[],
  maxProcesses = 8,
  minShare = 0.05,
): ProfileSummary[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return [];
  }
  const out: ProfileSummary[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (statSync(file).mtimeMs < sinceMs) continue;
      const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
      const proc = processOfProfile(name);
      const windowed = windows?.length
        ? summarizeProfile(profile, proc, name, 15, windows)
        : undefined;
      out.push(windowed && windowed.samples > 0 ? windowed : summarizeProfile(profile, proc, name));
    } catch {
      // a profile still being written or not a profile
    }
  }
  out.sort((a, b) => b.busyMs - a.busyMs);
  const busiest = out[0]?.busyMs ?? 0;
  return out.filter((s) => s.busyMs >= busiest * minShare).slice(0, maxProcesses);
}
