import 'reflect-metadata';

import { ValidationPipe } from '@nestjs/common';
import * as contracts from '@im/contracts';
import {
  DomainError,
  PullRequest,
  SendC2cRequest,
  SendGroupRequest,
  SyncRequest,
} from '@im/contracts';
import { PayloadSampler, rulesOf, seededRandom } from '@im/testing';

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
    class: value.constructor?.name ?? null,
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
    const random = seededRandom(16);
    let fastAccepted = 0;
    let samples = 0;
    const mismatches: string[] = [];
    for (const cls of classes) {
      const sampler = new PayloadSampler(cls, random);
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
