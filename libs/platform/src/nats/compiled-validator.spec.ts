import 'reflect-metadata';

import { ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';

import * as contracts from '@im/contracts';
import {
  DomainError,
  PullRequest,
  SendC2cRequest,
  SendGroupRequest,
  SyncRequest,
} from '@im/contracts';

import { memoizeValidationMetadata } from '../validation/validation-metadata';
import { compileValidator } from './compiled-validator';
import { createPayloadValidationPipe, describeValidationErrors } from './validation.pipe';

type Cls = new () => object;

memoizeValidationMetadata();

/** The pipe as it was: class-transformer and class-validator for every payload. */
const reference = new ValidationPipe({
  whitelist: true,
  transform: true,
  forbidUnknownValues: false,
  validateCustomDecorators: false,
  exceptionFactory: (errors) =>
    new DomainError(
      1,
      describeValidationErrors(errors).slice(0, 5).join('; ') || 'invalid payload',
    ),
});
const compiledPipe = createPayloadValidationPipe(1);

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
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

interface Rule {
  type: string;
  propertyName: string;
  constraints?: unknown[];
}

function rulesOf(cls: Cls): Rule[] {
  return getMetadataStorage().getTargetValidationMetadatas(cls, '', false, false);
}

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

function nestedClassOf(cls: Cls, property: string): Cls | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
    defaultMetadataStorage: {
      findTypeMetadata(t: unknown, p: string): { typeFunction(): unknown };
    };
  };
  const meta = defaultMetadataStorage.findTypeMetadata(cls, property);
  const target = meta?.typeFunction();
  return typeof target === 'function' ? (target as Cls) : undefined;
}

/** Payload generator for a class: values its rules accept one by one, mixed with any others. */
class Sampler {
  private readonly good = new Map<string, unknown[]>();
  private readonly all = new Map<string, unknown[]>();
  private readonly nested = new Map<string, Sampler>();

  constructor(
    private readonly cls: Cls,
    private readonly random: () => number,
    depth = 0,
  ) {
    const byProperty = new Map<string, Rule[]>();
    for (const rule of rulesOf(cls))
      byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
    for (const [property, rules] of byProperty) {
      const nestedCls = nestedClassOf(cls, property);
      if (nestedCls && depth < 3)
        this.nested.set(property, new Sampler(nestedCls, random, depth + 1));
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

async function outcome(
  pipe: ValidationPipe,
  cls: Cls,
  payload: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await pipe.transform(payload, { type: 'body', metatype: cls }) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** The classes of libs/contracts with rules, and those that compile. */
const classes = Object.values(contracts).filter(
  (v): v is Cls => typeof v === 'function' && rulesOf(v as Cls).length > 0,
);
const compiled = classes.filter((cls) => compileValidator(cls) !== undefined);

/** Shape, classes and key order of a value. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value !== 'object' || value === null) return value;
  return {
    class: (value).constructor?.name ?? null,
    entries: Object.entries(value).map(([k, v]) => [k, shapeOf(v)]),
  };
}

describe('CompiledValidator', () => {
  it('compiles most contract classes, the hot message requests among them', () => {
    expect(compiled.length).toBeGreaterThan(classes.length / 2);
    for (const cls of [SendC2cRequest, SendGroupRequest, SyncRequest, PullRequest])
      expect(compiled).toContain(cls);
  });

  it('answers a typical C2C send itself, as the full pipe would', async () => {
    const payload = {
      to: 'bob',
      random: 42,
      body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' }, extra: 1 }],
      offlinePush: { PushFlag: 0 },
      stray: true,
    };
    const fast = compileValidator(SendC2cRequest)!.accept(structuredClone(payload));
    expect(fast).toBeInstanceOf(SendC2cRequest);
    const full = await outcome(reference, SendC2cRequest, structuredClone(payload));
    expect(full.ok && shapeOf(full.value)).toEqual(shapeOf(fast));
    expect(fast).not.toHaveProperty('stray');
    expect((fast as SendC2cRequest).body[0]).not.toHaveProperty('extra');
  });

  it('refuses (leaves to the full path) what the rules refuse', () => {
    const v = compileValidator(SendC2cRequest)!;
    expect(
      v.accept({ to: 'bob', random: -1, body: [{ MsgType: 'TIMTextElem', MsgContent: {} }] }),
    ).toBeUndefined();
    expect(v.accept({ to: 'bob', random: 1, body: [] })).toBeUndefined();
    expect(
      v.accept({ to: 'bob', random: 1, body: [{ MsgType: 'Nope', MsgContent: {} }] }),
    ).toBeUndefined();
    expect(v.accept({ to: 'bob', random: 1, body: ['text'] })).toBeUndefined();
    expect(v.accept(null)).toBeUndefined();
    expect(v.accept([])).toBeUndefined();
  });

  it('gives the same answer as class-transformer and class-validator over generated payloads of every contract class', async () => {
    const random = rng(16);
    let fastAccepted = 0;
    let samples = 0;
    const mismatches: string[] = [];
    for (const cls of classes) {
      const sampler = new Sampler(cls, random);
      const validator = compileValidator(cls);
      for (let i = 0; i < 12; i++) {
        const payload = sampler.sample();
        samples++;
        if (validator?.accept(structuredClone(payload)) !== undefined) fastAccepted++;
        const [a, b] = [
          await outcome(reference, cls, structuredClone(payload)),
          await outcome(compiledPipe, cls, structuredClone(payload)),
        ];
        const same =
          a.ok && b.ok
            ? JSON.stringify(shapeOf(a.value)) === JSON.stringify(shapeOf(b.value))
            : !a.ok && !b.ok && a.error === b.error;
        if (!same && mismatches.length < 5)
          mismatches.push(`${cls.name} ${JSON.stringify(payload)}: ${JSON.stringify([a, b])}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The generator reaches acceptance often enough for the comparison to mean something.
    expect(fastAccepted).toBeGreaterThan(samples / 10);
  });
});
