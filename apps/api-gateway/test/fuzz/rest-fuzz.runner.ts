import type { AppReply } from '@im/contracts';
import { ErrorCode } from '@im/contracts';
import { classShape, Rng } from '@im/testing';

import { REST_COMMANDS } from '../../src/api-gateway.module';
import { GatewayCodes, RestServices } from '../../src/rest/rest-services.rules';
import { adminQuery } from '../gateway-harness';
import { fuzzCase, FuzzIds } from './body-fuzzer';

/** Codes that mean "something broke inside", never a documented refusal of bad input. */
export const InternalCodes = new Set<number>(
  [GatewayCodes, ...Object.values(RestServices)].flatMap((c) => [c.internal, c.unavailable]),
);
const KnownCodes = new Set<number>(Object.values(ErrorCode));
/** The most of a refused value an ErrorInfo may echo. */
export const ErrorInfoMax = 1024;

export interface FuzzFinding {
  command: string;
  mutation: string;
  problem: string;
  /** The first bytes of the body, to reproduce. */
  body: string;
}

export interface FuzzReport {
  requests: number;
  seed: number;
  perCommand: Record<string, Record<string, number>>;
  internalErrors: number;
  findings: FuzzFinding[];
  seconds: number;
}

/**
 * Sends `requests` fuzzed bodies round-robin over every /v4 command and checks each answer:
 * HTTP 200, the envelope, a documented code that is not an internal one, a bounded ErrorInfo.
 */
export async function fuzzRest(options: {
  restUrl: string;
  app: AppReply;
  ids: FuzzIds;
  requests: number;
  seed: number;
  concurrency?: number;
}): Promise<FuzzReport> {
  const started = Date.now();
  const commands = REST_COMMANDS.map((row) => ({ row, shape: classShape(row.dto) }));
  const report: FuzzReport = {
    requests: 0,
    seed: options.seed,
    perCommand: {},
    internalErrors: 0,
    findings: [],
    seconds: 0,
  };
  const query = new URLSearchParams(adminQuery(options.app) as Record<string, string>).toString();
  let next = 0;
  const worker = async () => {
    while (next < options.requests) {
      const i = next++;
      const { row, shape } = commands[i % commands.length];
      const name = `${row.service}/${row.command}`;
      // one generator per request: case i is the same whatever the interleaving
      const c = fuzzCase(shape, options.ids, new Rng(options.seed * 1_000_003 + i));
      const problem = await send(`${options.restUrl}/v4/${name}?${query}`, c.body);
      report.requests++;
      const codes = (report.perCommand[name] ??= {});
      codes[problem.code] = (codes[problem.code] ?? 0) + 1;
      if (problem.internal) report.internalErrors++;
      if (problem.text) {
        report.findings.push({
          command: name,
          mutation: c.mutation,
          problem: problem.text,
          body: c.body.toString().slice(0, 300),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

async function send(
  url: string,
  body: string | Buffer,
): Promise<{ code: string; internal: boolean; text?: string }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    return { code: 'no answer', internal: true, text: `no answer: ${(err as Error).message}` };
  }
  const text = await res.text();
  if (res.status !== 200) {
    return { code: `HTTP ${res.status}`, internal: true, text: `HTTP ${res.status}` };
  }
  let env: { ActionStatus?: unknown; ErrorCode?: unknown; ErrorInfo?: unknown };
  try {
    env = JSON.parse(text) as typeof env;
  } catch {
    return { code: 'not JSON', internal: true, text: `not JSON: ${text.slice(0, 100)}` };
  }
  const code = env.ErrorCode;
  if (typeof code !== 'number' || typeof env.ErrorInfo !== 'string') {
    return { code: 'no envelope', internal: true, text: `no envelope: ${text.slice(0, 100)}` };
  }
  if ((code === 0) !== (env.ActionStatus === 'OK')) {
    return {
      code: String(code),
      internal: false,
      text: `ActionStatus ${String(env.ActionStatus)}`,
    };
  }
  if (InternalCodes.has(code)) {
    return { code: String(code), internal: true, text: `internal ${code}: ${env.ErrorInfo}` };
  }
  if (!KnownCodes.has(code)) {
    return { code: String(code), internal: false, text: `undocumented code ${code}` };
  }
  if (env.ErrorInfo.length > ErrorInfoMax) {
    return { code: String(code), internal: false, text: `ErrorInfo of ${env.ErrorInfo.length}` };
  }
  return { code: String(code), internal: false };
}

/** The report as Markdown: totals, then per command the codes it answered. */
export function renderFuzzReport(r: FuzzReport, extra: string[] = []): string {
  const lines = [
    `# REST fuzz: ${r.requests} requests over ${Object.keys(r.perCommand).length} commands`,
    '',
    `seed ${r.seed}, ${r.seconds.toFixed(1)} s, internal errors ${r.internalErrors}, ` +
      `findings ${r.findings.length}`,
    ...extra,
    '',
    '| command | requests | codes |',
    '| --- | --- | --- |',
    ...Object.entries(r.perCommand).map(([name, codes]) => {
      const n = Object.values(codes).reduce((a, b) => a + b, 0);
      const list = Object.entries(codes)
        .sort((a, b) => b[1] - a[1])
        .map(([code, count]) => `${code}×${count}`)
        .join(' ');
      return `| ${name} | ${n} | ${list} |`;
    }),
  ];
  if (r.findings.length) {
    lines.push('', '## Findings', '');
    for (const f of r.findings.slice(0, 100)) {
      lines.push(`- ${f.command} (${f.mutation}): ${f.problem}`);
    }
  }
  return lines.join('\n');
}
