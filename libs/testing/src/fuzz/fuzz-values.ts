import type { ClassShape, FieldShape } from './class-shape';

/** A small seeded PRNG (mulberry32): a failing case is reproduced from its seed. */
export class Rng {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** Marks text spliced into the JSON as is (what JSON.stringify cannot produce). */
const RAW = '\u0001raw:';
/** A value that `serializeFuzzed` writes as this raw JSON text. */
export const raw = (text: string): string => `${RAW}${text}\u0001`;

/** Hostile replacements for one field, each a value or raw JSON text (`raw`). */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -2147483649,
  2147483648,
  4294967296,
  9007199254740991,
  raw('9223372036854775807'),
  raw('-9223372036854775809'),
  raw('1e400'),
  1e308,
  '',
  ' ',
  'x'.repeat(300),
  'x'.repeat(5000),
  'ä'.repeat(3000),
  'nul\u0000byte',
  raw('"lone \\ud800 surrogate"'),
  raw('"\\udfff"'),
  '😀'.repeat(200),
  "' OR 1=1 --",
  '%s%n%x',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  {},
  [],
  [[[]]],
  { a: { b: { c: { d: {} } } } },
  raw('{"__proto__":{"polluted":1}}'),
  raw(`${'['.repeat(40)}${']'.repeat(40)}`),
  raw(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`),
  Array.from({ length: 1000 }, (_, i) => `item-${i}`),
  Array.from({ length: 200 }, () => ({})),
];

/** JSON of `value` with every `raw(...)` string spliced in as the JSON text it holds. */
export function serializeFuzzed(value: unknown): string {
  return JSON.stringify(value).replace(
    /"\\u0001raw:((?:[^\\]|\\.)*?)\\u0001"/g,
    (_m, text: string): string => JSON.parse(`"${text}"`) as string,
  );
}

/** A short label of a hostile value for the report. */
export function describeFuzzValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.startsWith(RAW)) return `raw ${value.slice(RAW.length, RAW.length + 40)}`;
    return value.length > 24 ? `string(${value.length})` : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `array(${value.length})`;
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}

/** Real IDs a valid object uses, so it reaches the services' deeper rules. */
export interface ValidIds {
  accounts: readonly string[];
  groupId: string;
}

/** How one fuzzer fills fields: which names hold accounts, and its own field rules first. */
export interface ValidFill {
  accountField: RegExp;
  /** A value for a field the general rules do not know, or undefined for them to decide. */
  special?: (f: FieldShape, ids: ValidIds, rng: Rng) => unknown;
  /** Booleans: always true, or either. */
  randomBooleans?: boolean;
}

/** An object that passes the class's rules as far as the shape says. */
export function validObject(
  shape: ClassShape,
  ids: ValidIds,
  rng: Rng,
  fill: ValidFill,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of shape.fields) {
    if (f.optional && rng.next() < 0.5) continue;
    out[f.name] = validValue(f, ids, rng, fill);
  }
  return out;
}

function validValue(f: FieldShape, ids: ValidIds, rng: Rng, fill: ValidFill): unknown {
  if (f.allowed?.length) return rng.pick(f.allowed);
  if (f.name === 'MsgContent') return { Text: 'fuzz' };
  const special = fill.special?.(f, ids, rng);
  if (special !== undefined) return special;
  if (/groupid/i.test(f.name)) return ids.groupId;
  const text = () => (fill.accountField.test(f.name) ? rng.pick(ids.accounts) : 'fuzz');
  const one = (kind: FieldShape['kind'] | undefined): unknown => {
    switch (kind) {
      case 'int':
      case 'number':
        return Math.min(Math.max(1, f.min ?? 1), f.max ?? 1);
      case 'boolean':
        return fill.randomBooleans ? rng.next() < 0.5 : true;
      case 'nested':
        return f.nested ? validObject(f.nested, ids, rng, fill) : {};
      case 'object':
        return {};
      default:
        return text();
    }
  };
  if (f.kind === 'array') return [one(f.each ?? (f.nested ? 'nested' : 'string'))];
  return one(f.kind);
}
