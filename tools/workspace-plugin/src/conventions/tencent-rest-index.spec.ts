import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Every command of Tencent's REST index (apps/api-gateway/tencent-rest-index.txt) has a row in
 * the api-gateway's command table (apps/api-gateway/README.md, "Status of every command"): built,
 * naming its test and served by one of the gateway's command tables, or not built, saying why.
 */
const repoRoot = path.resolve(__dirname, '../../../..');
const GATEWAY = path.join(repoRoot, 'apps/api-gateway');

interface Row {
  status: string;
  test: string;
}

/** `service/command` lines of the index (comments and blank lines skipped). */
function tencentIndex(): string[] {
  return readFileSync(path.join(GATEWAY, 'tencent-rest-index.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The command table's rows by `service/command`: a row's first cell names `service/command` and
 * then bare `command`s of the same service (`profile/portrait_set`, `portrait_get`).
 */
function commandTableRows(readme: string): Map<string, Row> {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.startsWith('## Status of every command'));
  const rows = new Map<string, Row>();
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|') || /^\|\s*(-+|command)\s*\|/.test(line)) continue;
    const [names, status = '', test = ''] = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split(' | ')
      .map((cell) => cell.trim());
    let service: string | undefined;
    for (const [, token] of names.matchAll(/`([^`]+)`/g)) {
      const slash = token.indexOf('/');
      if (slash > 0) service = token.slice(0, slash);
      const command = slash > 0 ? token.slice(slash + 1) : token;
      if (service && /^\w+$/.test(command)) rows.set(`${service}/${command}`, { status, test });
    }
  }
  return rows;
}

/**
 * Command names the gateway's command tables spell (`command: 'sendmsg'`, or an argument of a
 * row-making helper: `friendGet('friend_get_all')`).
 */
function servedCommands(): Set<string> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.commands.ts')) files.push(full);
    }
  };
  walk(path.join(GATEWAY, 'src/commands'));
  return new Set(
    files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(\w+)'/g)].map((m) => m[1])),
  );
}

describe('Tencent REST index against the api-gateway command table', () => {
  const index = tencentIndex();
  const rows = commandTableRows(readFileSync(path.join(GATEWAY, 'README.md'), 'utf8'));
  const served = servedCommands();

  it('reads an index of Tencent commands without repeats', () => {
    expect(index.length).toBeGreaterThan(130);
    expect(index.filter((c) => !/^\w+\/\w+$/.test(c))).toEqual([]);
    expect(index.filter((c, i) => index.indexOf(c) !== i)).toEqual([]);
  });

  it('gives every indexed command a row marked built or not built', () => {
    expect(index.filter((c) => !rows.has(c))).toEqual([]);
    expect(index.filter((c) => !/^(built|not built)\b/.test(rows.get(c)?.status ?? ''))).toEqual(
      [],
    );
  });

  it('names a test and serves the command for every built row', () => {
    const built = index.filter((c) => rows.get(c)?.status.startsWith('built'));
    expect(built.length).toBeGreaterThan(100);
    expect(built.filter((c) => ['', '—', '-'].includes(rows.get(c)?.test ?? ''))).toEqual([]);
    expect(built.filter((c) => !served.has(c.split('/')[1]))).toEqual([]);
  });

  it('says why for every row not built', () => {
    const notBuilt = index.filter((c) => rows.get(c)?.status.startsWith('not built'));
    expect(notBuilt.filter((c) => (rows.get(c)?.status.length ?? 0) < 30)).toEqual([]);
  });

  it('parses rows that name several commands of one service', () => {
    const table = [
      '## Status of every command',
      '| command | status | test |',
      '| --- | --- | --- |',
      '| `svc/one`, `two` (legacy `three`) | built: x | `file` › a test |',
      '| other commands (`svc2/four`) | not built: because | — |',
    ].join('\n');
    expect([...commandTableRows(table).keys()]).toEqual([
      'svc/one',
      'svc/two',
      'svc/three',
      'svc2/four',
    ]);
  });
});
