import type { DtoShape, FieldShape } from './dto-shape';

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

/** Real IDs the bodies use, so a valid body reaches the services' deeper rules. */
export interface FuzzIds {
  accounts: string[];
  groupId: string;
}

/** Text spliced into the JSON as is (what JSON.stringify cannot produce). */
const RAW = '\u0001raw:';
const raw = (text: string): string => `${RAW}${text}\u0001`;

/** Hostile replacements for one field, each a value or raw JSON text. */
const HOSTILE: readonly unknown[] = [
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

/** Whole bodies that are not an object of the command. */
const BODIES: readonly (string | Buffer)[] = [
  '',
  '[]',
  '"x"',
  'null',
  '1',
  '{',
  '{"a":}',
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]),
  `\ufeff{}`,
  '{"__proto__":{"isAdmin":true}}',
  `{"a":"${'x'.repeat(200_000)}"}`,
];

const ACCOUNT_FIELD = /account|userid|^owner|operator|^from_|^to_|member_account/i;

/** A body that passes the DTO's rules as far as the shape says. */
export function validBody(shape: DtoShape, ids: FuzzIds, rng: Rng): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of shape.fields) {
    if (f.optional && rng.next() < 0.5) continue;
    body[f.name] = validValue(f, ids, rng);
  }
  return body;
}

function validValue(f: FieldShape, ids: FuzzIds, rng: Rng): unknown {
  if (f.allowed?.length) return rng.pick(f.allowed);
  if (f.name === 'MsgContent') return { Text: 'fuzz' };
  if (/groupid/i.test(f.name)) return ids.groupId;
  const one = (kind: FieldShape['kind'] | undefined): unknown => {
    switch (kind) {
      case 'string':
        return ACCOUNT_FIELD.test(f.name) ? rng.pick(ids.accounts) : 'fuzz';
      case 'int':
      case 'number':
        return Math.min(Math.max(1, f.min ?? 1), f.max ?? 1);
      case 'boolean':
        return true;
      case 'nested':
        return f.nested ? validBody(f.nested, ids, rng) : {};
      case 'object':
        return {};
      default:
        return ACCOUNT_FIELD.test(f.name) ? rng.pick(ids.accounts) : 'fuzz';
    }
  };
  if (f.kind === 'array') return [one(f.each ?? (f.nested ? 'nested' : 'string'))];
  return one(f.kind);
}

export interface FuzzCase {
  /** What was done, for the report. */
  mutation: string;
  body: string | Buffer;
}

/** One request body for the command: mostly one field made hostile, sometimes worse. */
export function fuzzCase(shape: DtoShape, ids: FuzzIds, rng: Rng): FuzzCase {
  const roll = rng.next();
  if (roll < 0.07) {
    const body = rng.pick(BODIES);
    return { mutation: `whole body #${BODIES.indexOf(body)}`, body };
  }
  const body = validBody(shape, ids, rng);
  if (roll < 0.12 || shape.fields.length === 0) {
    return { mutation: 'valid', body: serialize(body) };
  }
  const f = rng.pick(shape.fields);
  if (roll < 0.2) {
    delete body[f.name];
    return { mutation: `without ${f.name}`, body: serialize(body) };
  }
  if (roll < 0.25) {
    body[`Unknown_${rng.int(1000)}`] = rng.pick(HOSTILE);
    return { mutation: 'unknown field', body: serialize(body) };
  }
  const value = rng.pick(HOSTILE);
  const label = `${f.name}=${describeValue(value)}`;
  // inside the first item of a nested field, half the time
  const target = body[f.name];
  const nested = Array.isArray(target) ? (target[0] as unknown) : target;
  if (f.nested && nested && typeof nested === 'object' && rng.next() < 0.5) {
    const inner = rng.pick(f.nested.fields);
    if (inner) {
      (nested as Record<string, unknown>)[inner.name] = value;
      return {
        mutation: `${f.name}[0].${inner.name}=${describeValue(value)}`,
        body: serialize(body),
      };
    }
  }
  body[f.name] = value;
  return { mutation: label, body: serialize(body) };
}

function serialize(body: unknown): string {
  return JSON.stringify(body).replace(
    /"\\u0001raw:((?:[^\\]|\\.)*?)\\u0001"/g,
    (_m, text: string): string => JSON.parse(`"${text}"`) as string,
  );
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.startsWith(RAW)) return `raw ${value.slice(RAW.length, RAW.length + 40)}`;
    return value.length > 24 ? `string(${value.length})` : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `array(${value.length})`;
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}
