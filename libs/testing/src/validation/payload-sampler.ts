/**
 * Payloads for differential tests of validation: for a class with class-validator rules,
 * objects whose properties take values the rules accept one by one (learnt by asking
 * class-validator), mixed with any others, nested `@Type` objects, and unknown keys.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { nestedClassOf, rulesByProperty } from './class-rules';
import type { Cls, Rule } from './class-rules';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE_VALUES: unknown[] = [
  '',
  'a',
  'user_1',
  '@TIM#SYSTEM',
  'x'.repeat(300),
  '1',
  'ab\u0000c',
  0,
  1,
  -1,
  1.5,
  7,
  100,
  2 ** 31,
  2 ** 32,
  1_700_000_000,
  true,
  false,
  null,
  [],
  ['a'],
  [1, 2],
  [null],
  [{}],
  {},
  { a: 1 },
  { Text: 'hi', nested: { deep: [1, 'two', null] } },
  JSON.parse('{"__proto__":{"polluted":1},"k":"v"}') as unknown,
  JSON.parse('{"constructor":{"prototype":{"x":1}},"k":1}') as unknown,
];

/** Values a property's rules name (IsIn lists, bounds) and their neighbours. */
function valuesNamedBy(rules: Rule[]): unknown[] {
  const values: unknown[] = [];
  for (const rule of rules)
    for (const c of rule.constraints ?? []) {
      if (Array.isArray(c)) values.push(...(c as unknown[]), c, c.slice(0, 1));
      else if (typeof c === 'number') values.push(c, c - 1, c + 1);
      else if (typeof c === 'string') values.push(c, [c]);
    }
  return values;
}

/** Payload generator for a class: values its rules accept one by one, mixed with any others. */
export class PayloadSampler {
  private readonly good = new Map<string, unknown[]>();
  private readonly all = new Map<string, unknown[]>();
  private readonly nested = new Map<string, PayloadSampler>();

  constructor(
    cls: Cls,
    private readonly random: () => number,
    depth = 0,
  ) {
    for (const [property, rules] of rulesByProperty(cls)) {
      const nestedCls = nestedClassOf(cls, property);
      if (nestedCls && depth < 3)
        this.nested.set(property, new PayloadSampler(nestedCls, random, depth + 1));
      const pool = [...BASE_VALUES, ...valuesNamedBy(rules)];
      this.all.set(property, pool);
      this.good.set(
        property,
        pool.filter((value) => {
          try {
            const errors = validateSync(plainToInstance(cls, { [property]: value }), {
              forbidUnknownValues: false,
            });
            return !errors.some((e) => e.property === property);
          } catch {
            return false;
          }
        }),
      );
    }
  }

  sample(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [property, pool] of this.all) {
      const r = this.random();
      if (r < 0.15) continue;
      const nested = this.nested.get(property);
      if (nested && r < 0.75) {
        const items = Array.from({ length: 1 + Math.floor(this.random() * 2) }, () =>
          nested.sample(),
        );
        out[property] = this.random() < 0.8 ? items : items[0];
        continue;
      }
      const good = this.good.get(property) ?? [];
      const from = good.length > 0 && r < 0.85 ? good : pool;
      out[property] = structuredClone(from[Math.floor(this.random() * from.length)]);
    }
    if (this.random() < 0.3) out.unknownKey = { any: 'thing' };
    return out;
  }
}
