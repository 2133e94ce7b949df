import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { CpuCost } from './cpu-cost';
import type { ProfileSummary } from './cpu-profile';
import type { LoadCurveStep } from './load-curve';
import type { MachineInfo, UsageWindow } from './probes';

/** One measured number with its unit. */
export interface Figure {
  label: string;
  value: number;
  unit: string;
}

/** What one scenario found (also the shape of results.json). */
export interface ScenarioResult {
  id: string;
  title: string;
  figure?: Figure;
  baseline?: Figure;
  /** figure ÷ baseline. */
  ratio?: number;
  /** How to read the ratio (which way is better). */
  ratioNote?: string;
  target: string;
  met?: boolean;
  bottleneck: string;
  /** Counts, secondary figures, settings. */
  details: Record<string, number | string>;
  usage?: UsageWindow;
  baselineUsage?: UsageWindow;
  /** Latency distributions to chart as CDFs (ms). */
  cdfs?: { name: string; points: [number, number][] }[];
  /** Per-round or per-message series to chart (x, y). */
  series?: { name: string; unit: string; points: [number, number][] }[];
  /** Charts of several lines over one x axis (e.g. memory per process over the soak's minutes). */
  charts?: {
    title: string;
    xUnit: string;
    yUnit: string;
    lines: { name: string; points: [number, number][] }[];
  }[];
  /** Extra rows under the details (a table per time window). */
  table?: { head: string[]; rows: (string | number)[][] };
  /** µs of CPU per message per process over the measured window (C2C scenarios). */
  cpuCost?: CpuCost;
  /** c2c-load-curve: the capacity it was based on and every step. */
  loadCurve?: {
    capacityPerSec: number;
    capacitySource: string;
    windowMs: number;
    steps: LoadCurveStep[];
  };
  error?: string;
  seconds: number;
}

export interface BenchReport {
  /** `quick` or `full`, with `, cluster` for the cluster topology. */
  mode: string;
  machine: MachineInfo;
  loadAverageAtEnd: number[];
  settings: Record<string, number | string>;
  scenarios: ScenarioResult[];
  totalSeconds: number;
  /** With `IM_CPU_PROF_DIR`: the hot processes' top frames by self time over the whole run. */
  profiles?: ProfileSummary[];
}

const fmt = (v: number | undefined, digits = 1): string => {
  if (v === undefined || Number.isNaN(v)) return '—';
  if (Math.abs(v) >= 100 || Number.isInteger(v)) return Math.round(v).toLocaleString('en-US');
  return v.toFixed(digits);
};
const fig = (f?: Figure) => (f ? `${fmt(f.value)} ${f.unit}` : '—');
const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');

/** The headline table (also pasted into the README). */
export function headlineTable(report: BenchReport): string {
  const rows = [
    '| scenario | figure | baseline (same run) | ratio | target | met | bottleneck observed |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const s of report.scenarios) {
    const figure = s.error ? `failed: ${esc(s.error.split('\n')[0].slice(0, 120))}` : fig(s.figure);
    const figureText = s.figure && !s.error ? `${s.figure.label}: ${figure}` : figure;
    const baseline = s.baseline ? `${s.baseline.label}: ${fig(s.baseline)}` : '—';
    const ratio = s.ratio !== undefined ? `${fmt(s.ratio, 2)}× ${s.ratioNote ?? ''}` : '—';
    const met = s.met === undefined ? 'report' : s.met ? 'yes' : '**no**';
    rows.push(
      `| ${s.title} | ${esc(figureText)} | ${esc(baseline)} | ${esc(ratio)} | ${esc(s.target)} | ${met} | ${esc(s.bottleneck)} |`,
    );
  }
  return rows.join('\n');
}

/** The headline CPU cost table: µs of CPU per message, a row per process, a column per scenario. */
export function cpuCostHeadline(report: BenchReport): string {
  const costed = report.scenarios.filter(
    (s): s is ScenarioResult & { cpuCost: CpuCost } => s.cpuCost !== undefined,
  );
  if (costed.length === 0) return '';
  const rows = [
    `| process | ${costed.map((s) => `${esc(s.title)} µs/msg`).join(' | ')} |`,
    `|---|${costed.map(() => '---:').join('|')}|`,
  ];
  const cell = (r: { usPerMessage: number; processes: string[] }) =>
    r.processes.length ? fmt(r.usPerMessage) : '—';
  for (const [i, row] of costed[0].cpuCost.rows.entries())
    rows.push(`| ${row.row} | ${costed.map((s) => cell(s.cpuCost.rows[i])).join(' | ')} |`);
  rows.push(
    `| **platform total** | ${costed.map((s) => `**${fmt(s.cpuCost.totalUsPerMessage)}**`).join(' | ')} |`,
    `| platform total above idle | ${costed.map((s) => fmt(s.cpuCost.totalUsAboveIdle)).join(' | ')} |`,
    `| load generators (apart) | ${costed.map((s) => cell(s.cpuCost.load)).join(' | ')} |`,
    `| messages counted | ${costed.map((s) => `${fmt(s.cpuCost.messages)} ${esc(s.cpuCost.counted)}`).join(' | ')} |`,
  );
  return rows.join('\n');
}

function cpuCostTable(cost: CpuCost): string {
  const rows = [
    `CPU per message (${fmt(cost.messages)} ${esc(cost.counted)} in ${cost.seconds} s; CPU seconds from /proc of each process over the window ÷ messages` +
      (cost.idleSeconds
        ? `; "above idle" less each process's CPU rate in ${cost.idleSeconds} s idle just before`
        : '') +
      '):',
    '',
    '| process | CPU s | µs per message | µs above idle | share of platform |',
    '|---|---:|---:|---:|---:|',
  ];
  const total = cost.rows.reduce((s, r) => s + r.cpuSeconds, 0);
  for (const r of cost.rows.filter((x) => x.processes.length))
    rows.push(
      `| ${r.row}${r.processes.length > 1 ? ` (${r.processes.length}: ${esc(r.processes.join(', '))})` : ''} | ${r.cpuSeconds.toFixed(2)} | ${fmt(r.usPerMessage)} | ${fmt(r.usAboveIdle)} | ${total > 0 ? `${Math.round((r.cpuSeconds / total) * 100)} %` : '—'} |`,
    );
  rows.push(
    `| **platform total** | ${total.toFixed(2)} | **${fmt(cost.totalUsPerMessage)}** | ${fmt(cost.totalUsAboveIdle)} | 100 % |`,
    `| load generators (apart) | ${cost.load.cpuSeconds.toFixed(2)} | ${fmt(cost.load.usPerMessage)} | ${fmt(cost.load.usAboveIdle)} | — |`,
  );
  return rows.join('\n');
}

function usageTable(title: string, usage?: UsageWindow): string {
  if (!usage) return '';
  const rows = [
    `${title} (${usage.seconds} s, machine CPU ${usage.machineCpuPercent}% of all cores; ` +
      `bench processes ${usage.benchCpuPercent}% of one core, other work on the machine ${usage.otherCpuPercent}%):`,
    '',
    '| process | CPU (% of one core) | RSS MiB | event-loop p99 | busiest subjects (count, avg ms) | dropped unprocessed | answered busy | its requests that timed out |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const pg = usage.postgres;
  if (pg)
    rows[0] +=
      ` PostgreSQL ${pg.commitsPerSec} commits/s, ${pg.activeBackends} busy backends on average` +
      (pg.waits.length
        ? ` (${pg.waits.map((w) => `${w.wait} ${Math.round(w.share * 100)}%`).join(', ')})`
        : '') +
      '.';
  for (const p of usage.processes.filter((x) => x.cpuPercent >= 1).slice(0, 10)) {
    const lag = p.metrics?.eventLoopP99Ms;
    const subjects = (p.metrics?.topSubjects ?? [])
      .map((s) => `${s.subject} (${s.count}, ${s.meanMs.toFixed(2)})`)
      .join('; ');
    const timedOut = (p.metrics?.timedOut ?? [])
      .slice(0, 2)
      .map((t) => `${t.subject} (${t.count})`)
      .join('; ');
    rows.push(
      `| ${p.name} | ${p.cpuPercent} | ${p.rssMiB} | ${lag === undefined ? '—' : `${lag.toFixed(1)} ms`} | ${esc(subjects) || '—'} | ${p.metrics?.dropped || '—'} | ${p.metrics?.busy || '—'} | ${esc(timedOut) || '—'} |`,
    );
  }
  return rows.join('\n');
}

/** The top frames by self time of each hot process's CPU profile (whole run). */
export function profilesSection(profiles: ProfileSummary[]): string {
  const out = [
    '## CPU profiles (top frames by self time)',
    '',
    'Each service ran with `--cpu-prof` (`IM_CPU_PROF_DIR`). Only the samples taken inside the ' +
      "bench's measured load windows count (every scenario's; start-up and set-up left out), " +
      'unless a heading says "whole run". Self time is summed per function and line; % is of ' +
      'the busy samples (every sample but `(idle)`). The busiest processes first.',
    '',
  ];
  if (profiles.length === 0) out.push('No profile of this run was found.', '');
  for (const p of profiles) {
    out.push(
      `### ${esc(p.process)}: ${fmt(p.busyMs / 1000, 2)} s busy of ${fmt(p.durationMs / 1000, 2)} s ${p.windowed ? 'under load' : 'whole run'} (${fmt(p.samples)} samples, \`${esc(p.file)}\`)`,
      '',
      '| # | function | script:line | self ms | % of busy |',
      '|---:|---|---|---:|---:|',
      ...p.top.map(
        (f, i) =>
          `| ${i + 1} | ${esc(f.fn)} | ${esc(f.where) || '—'} | ${fmt(f.selfMs)} | ${f.percent.toFixed(1)} |`,
      ),
      '',
    );
  }
  return out.join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const out = [
    `# Benchmark report (${report.mode} mode)`,
    '',
    `Started ${m.startedAt} on ${m.hostname}: **${m.cores} cores** (${m.cpuModel}), ` +
      `**${m.memoryGiB} GiB** memory (${m.freeMemoryGiB} GiB free), ` +
      `**load average at start ${m.loadAverage.join(' / ')}** (at end ${report.loadAverageAtEnd.join(' / ')}), ` +
      `Node ${m.node}, ${m.platform}. Total ${Math.round(report.totalSeconds)} s.`,
    '',
    'Every scenario runs its baseline in the same run on the same machine, so the ratio is the ' +
      'figure that survives a noisy box. Load generators are separate processes on the same ' +
      'cores as the platform; charts are in `report.html`, raw numbers in `results.json`.',
    '',
    '## Headline',
    '',
    headlineTable(report),
    '',
    ...(cpuCostHeadline(report)
      ? [
          '## CPU per C2C message (µs, per process)',
          '',
          'CPU seconds each process used over the measured window (`/proc` utime + stime; ' +
            'postgres with all its backends) divided by the messages handled in the window. ' +
            '"Above idle" subtracts what the platform uses with no load (timers, scrapes; ' +
            'measured just before), which weighs most at low rates. On a shared machine this ' +
            'is the figure to compare between runs, not the rate.',
          '',
          cpuCostHeadline(report),
          '',
        ]
      : []),
    '## Settings',
    '',
    Object.entries(report.settings)
      .map(([k, v]) => `- ${k}: ${v}`)
      .join('\n'),
    '',
  ];
  for (const s of report.scenarios) {
    out.push(`## ${s.title}`, '');
    if (s.error) out.push('```', s.error.slice(0, 2000), '```', '');
    out.push(`- figure: ${s.figure ? `${s.figure.label} ${fig(s.figure)}` : '—'}`);
    out.push(`- baseline: ${s.baseline ? `${s.baseline.label} ${fig(s.baseline)}` : '—'}`);
    if (s.ratio !== undefined) out.push(`- ratio: ${fmt(s.ratio, 3)} (${s.ratioNote ?? ''})`);
    out.push(
      `- target: ${s.target}${s.met === undefined ? '' : s.met ? ' — met' : ' — **not met**'}`,
    );
    out.push(`- bottleneck: ${s.bottleneck}`);
    out.push(`- took ${Math.round(s.seconds)} s`);
    for (const [k, v] of Object.entries(s.details))
      out.push(`- ${k}: ${typeof v === 'number' ? fmt(v, 2) : v}`);
    out.push('');
    if (s.table)
      out.push(
        `| ${s.table.head.map(esc).join(' | ')} |`,
        `|${s.table.head.map(() => '---').join('|')}|`,
        ...s.table.rows.map(
          (row) =>
            `| ${row.map((c) => (typeof c === 'number' ? fmt(c, 2) : esc(c))).join(' | ')} |`,
        ),
        '',
      );
    if (s.cpuCost) out.push(cpuCostTable(s.cpuCost), '');
    if (s.usage) out.push(usageTable('Platform under load', s.usage), '');
    if (s.baselineUsage)
      out.push(
        usageTable(s.baseline ? 'Baseline under load' : 'Second phase under load', s.baselineUsage),
        '',
      );
  }
  if (report.profiles) out.push(profilesSection(report.profiles));
  return out.join('\n');
}

// --- charts: self-contained SVG (no scripts, no network) ---

const COLORS = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477'];

function barChart(title: string, bars: { label: string; value: number }[], unit: string): string {
  const width = 720;
  const rowH = 22;
  const left = 220;
  const height = 40 + bars.length * rowH;
  const max = Math.max(1e-9, ...bars.map((b) => b.value));
  const rows = bars
    .map((b, i) => {
      const y = 30 + i * rowH;
      const w = ((width - left - 110) * b.value) / max;
      return (
        `<text x="${left - 6}" y="${y + 14}" text-anchor="end" font-size="12">${esc(b.label)}</text>` +
        `<rect x="${left}" y="${y + 2}" width="${Math.max(1, w).toFixed(1)}" height="${rowH - 6}" fill="${COLORS[i % COLORS.length]}"/>` +
        `<text x="${left + w + 6}" y="${y + 14}" font-size="12">${fmt(b.value)} ${esc(unit)}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img"><text x="4" y="18" font-size="14" font-weight="bold">${esc(title)}</text>${rows}</svg>`;
}

function lineChart(
  title: string,
  lines: { name: string; points: [number, number][] }[],
  xUnit: string,
  yUnit: string,
): string {
  const width = 720;
  const height = 300;
  const pad = { l: 60, r: 160, t: 30, b: 40 };
  const all = lines.flatMap((l) => l.points);
  if (all.length === 0) return '';
  const maxX = Math.max(1e-9, ...all.map((p) => p[0]));
  const maxY = Math.max(1e-9, ...all.map((p) => p[1]));
  const sx = (x: number) => pad.l + ((width - pad.l - pad.r) * x) / maxX;
  const sy = (y: number) => height - pad.b - ((height - pad.t - pad.b) * y) / maxY;
  const paths = lines
    .map((l, i) => {
      const d = l.points
        .map((p, j) => `${j ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`)
        .join('');
      return (
        `<path d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"/>` +
        `<text x="${width - pad.r + 8}" y="${pad.t + 16 + i * 16}" font-size="12" fill="${COLORS[i % COLORS.length]}">${esc(l.name)}</text>`
      );
    })
    .join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (f) =>
        `<text x="${sx(f * maxX).toFixed(1)}" y="${height - pad.b + 16}" font-size="11" text-anchor="middle">${fmt(f * maxX)}</text>` +
        `<text x="${pad.l - 6}" y="${sy(f * maxY).toFixed(1)}" font-size="11" text-anchor="end">${fmt(f * maxY, 2)}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img">` +
    `<text x="4" y="18" font-size="14" font-weight="bold">${esc(title)}</text>` +
    `<line x1="${pad.l}" y1="${height - pad.b}" x2="${width - pad.r}" y2="${height - pad.b}" stroke="#888"/>` +
    `<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${height - pad.b}" stroke="#888"/>` +
    `${ticks}${paths}` +
    `<text x="${(width - pad.r + pad.l) / 2}" y="${height - 6}" font-size="12" text-anchor="middle">${esc(xUnit)}</text>` +
    `<text x="12" y="${pad.t - 8}" font-size="12">${esc(yUnit)}</text></svg>`
  );
}

export function renderHtml(report: BenchReport, markdown: string): string {
  const parts: string[] = [];
  const withRatio = report.scenarios.filter((s) => s.ratio !== undefined);
  parts.push(
    barChart(
      'Platform ÷ baseline (same run)',
      withRatio.map((s) => ({ label: s.title, value: s.ratio ?? 0 })),
      '×',
    ),
  );
  for (const s of report.scenarios) {
    parts.push(`<h2>${esc(s.title)}</h2>`);
    if (s.figure && s.baseline)
      parts.push(
        barChart(
          `${s.figure.label} vs baseline`,
          [
            { label: 'platform', value: s.figure.value },
            { label: 'baseline', value: s.baseline.value },
          ],
          s.figure.unit,
        ),
      );
    for (const c of s.cdfs ?? [])
      parts.push(lineChart(`${c.name}: latency CDF`, [c], 'ms', 'share of deliveries'));
    if (s.cdfs && s.cdfs.length > 1)
      parts.push(lineChart('latency CDFs compared', s.cdfs, 'ms', 'share'));
    for (const line of s.series ?? []) parts.push(lineChart(line.name, [line], 'index', line.unit));
    for (const c of s.charts ?? []) parts.push(lineChart(c.title, c.lines, c.xUnit, c.yUnit));
    if (s.cpuCost)
      parts.push(
        barChart(
          `µs of CPU per message (platform total ${fmt(s.cpuCost.totalUsPerMessage)} µs)`,
          [...s.cpuCost.rows, s.cpuCost.load]
            .filter((r) => r.processes.length)
            .map((r) => ({ label: r.row, value: r.usPerMessage })),
          'µs',
        ),
      );
    if (s.usage)
      parts.push(
        barChart(
          'CPU per process under load (% of one core)',
          s.usage.processes
            .filter((p) => p.cpuPercent >= 1)
            .slice(0, 10)
            .map((p) => ({ label: p.name, value: p.cpuPercent })),
          '%',
        ),
      );
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Benchmark ${esc(report.machine.startedAt)}</title>
<style>body{font-family:sans-serif;max-width:1000px;margin:1em auto;padding:0 1em}pre{white-space:pre-wrap;background:#f6f6f6;padding:1em;font-size:12px}svg{display:block;margin:1em 0}</style>
</head><body><h1>Benchmark (${report.mode})</h1>${parts.join('\n')}<h2>Report</h2><pre>${esc(markdown).replace(/\\\|/g, '|')}</pre></body></html>\n`;
}

/** Writes report.md, report.html and results.json to `dir`. */
export function writeReport(dir: string, report: BenchReport): { markdown: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = renderMarkdown(report);
  writeFileSync(path.join(dir, 'report.md'), `${markdown}\n`);
  writeFileSync(path.join(dir, 'report.html'), renderHtml(report, markdown));
  writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  return { markdown };
}
