import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What docs/protocol.md promises, read from its tables. */
export interface ProtocolDocument {
  /** Client commands: `login` (§3) and every row of a table whose first column is `cmd`. */
  commands: string[];
  /** Push commands: the rows of the table whose first column is `push` (§8). */
  pushes: string[];
  /** WebSocket close codes (§5 "Close codes"). */
  closeCodes: number[];
  /** Codes the gateway answers itself (§5). */
  gatewayCodes: number[];
  /** Codes the document promises for commands (§5 "Codes of the commands"). */
  commandCodes: number[];
}

export const PROTOCOL_DOC = path.resolve(__dirname, '../../../docs/protocol.md');

/** The cells of a Markdown table row (`\|` inside a cell is not a separator). */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** Every table of the document: its header cells, the section it is in, its rows' cells. */
function tables(text: string): { header: string[]; section: string; rows: string[][] }[] {
  const found: { header: string[]; section: string; rows: string[][] }[] = [];
  const lines = text.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    if (/^#{2,4} /.test(lines[i])) section = lines[i].replace(/^#+ /, '');
    if (!lines[i].startsWith('|') || !/^\|[\s-|]+\|$/.test(lines[i + 1] ?? '')) continue;
    const header = cells(lines[i]);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j].startsWith('|'); j++) rows.push(cells(lines[j]));
    found.push({ header, section, rows });
    i = j - 1;
  }
  return found;
}

/** The name in a first cell such as `` `msg.send-c2c` ``. */
function backticked(cell: string): string {
  const m = /^`([^`]+)`$/.exec(cell);
  if (!m) throw new Error(`docs/protocol.md: expected one \`name\` in a first cell, got ${cell}`);
  return m[1];
}

function code(cell: string): number {
  if (!/^\d+$/.test(cell))
    throw new Error(`docs/protocol.md: expected one code per row, got ${cell}`);
  return Number(cell);
}

export function readProtocolDocument(file = PROTOCOL_DOC): ProtocolDocument {
  const text = readFileSync(file, 'utf8');
  const all = tables(text);
  const firstColumn = (name: string) => all.filter((t) => t.header[0] === name);
  const inSection = (pattern: RegExp) =>
    all.filter((t) => t.header[0] === 'code' && pattern.test(t.section));
  const commands = firstColumn('cmd').flatMap((t) => t.rows.map((r) => backticked(r[0])));
  if (/"cmd": "login"/.test(text)) commands.unshift('login');
  return {
    commands: [...new Set(commands)],
    pushes: firstColumn('push').flatMap((t) => t.rows.map((r) => backticked(r[0]))),
    closeCodes: inSection(/^Close codes/).flatMap((t) => t.rows.map((r) => code(r[0]))),
    gatewayCodes: inSection(/^Codes the gateway answers/).flatMap((t) =>
      t.rows.map((r) => code(r[0])),
    ),
    commandCodes: inSection(/^Codes of the commands/).flatMap((t) => t.rows.map((r) => code(r[0]))),
  };
}
