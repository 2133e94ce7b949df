import { describeFuzzValue, HOSTILE_VALUES, Rng, serializeFuzzed, validObject } from '@im/testing';
import type { ClassShape } from '@im/testing';

/** Real IDs the bodies use, so a valid body reaches the services' deeper rules. */
export interface FuzzIds {
  accounts: string[];
  groupId: string;
}

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
function validBody(shape: ClassShape, ids: FuzzIds, rng: Rng): Record<string, unknown> {
  return validObject(shape, ids, rng, { accountField: ACCOUNT_FIELD });
}

export interface FuzzCase {
  /** What was done, for the report. */
  mutation: string;
  body: string | Buffer;
}

/** One request body for the command: mostly one field made hostile, sometimes worse. */
export function fuzzCase(shape: ClassShape, ids: FuzzIds, rng: Rng): FuzzCase {
  const roll = rng.next();
  if (roll < 0.07) {
    const body = rng.pick(BODIES);
    return { mutation: `whole body #${BODIES.indexOf(body)}`, body };
  }
  const body = validBody(shape, ids, rng);
  if (roll < 0.12 || shape.fields.length === 0) {
    return { mutation: 'valid', body: serializeFuzzed(body) };
  }
  const f = rng.pick(shape.fields);
  if (roll < 0.2) {
    delete body[f.name];
    return { mutation: `without ${f.name}`, body: serializeFuzzed(body) };
  }
  if (roll < 0.25) {
    body[`Unknown_${rng.int(1000)}`] = rng.pick(HOSTILE_VALUES);
    return { mutation: 'unknown field', body: serializeFuzzed(body) };
  }
  const value = rng.pick(HOSTILE_VALUES);
  const label = `${f.name}=${describeFuzzValue(value)}`;
  // inside the first item of a nested field, half the time
  const target = body[f.name];
  const nested = Array.isArray(target) ? (target[0] as unknown) : target;
  if (f.nested && nested && typeof nested === 'object' && rng.next() < 0.5) {
    const inner = rng.pick(f.nested.fields);
    if (inner) {
      (nested as Record<string, unknown>)[inner.name] = value;
      return {
        mutation: `${f.name}[0].${inner.name}=${describeFuzzValue(value)}`,
        body: serializeFuzzed(body),
      };
    }
  }
  body[f.name] = value;
  return { mutation: label, body: serializeFuzzed(body) };
}
