import { randomUUID } from 'node:crypto';

import { plainToInstance } from 'class-transformer';
import type { ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import type { ValidationError } from 'class-validator';

import { EventClasses } from '@im/contracts';

import { isFlat } from './event-validation';
import { FlatValidator } from './flat-validator';

/** class-validator's own answer, as `property: rule` lines. */
function classValidatorProblems(cls: ClassConstructor<object>, event: object): string[] {
  const errors: ValidationError[] = validateSync(plainToInstance(cls, event), {
    forbidUnknownValues: false,
  });
  return errors.flatMap((e) => Object.keys(e.constraints ?? {}).map((r) => `${e.property}: ${r}`));
}

const SAMPLES: unknown[] = [
  undefined,
  null,
  '',
  'alice',
  'x'.repeat(300),
  0,
  1,
  -1,
  1.5,
  1400000001,
  true,
  [],
  ['alice'],
  ['alice', 7],
  [{}],
  {},
  { a: 1 },
  randomUUID(),
  new Date().toISOString(),
  'Public',
  'C2C',
];

function validEnvelope() {
  return {
    eventId: randomUUID(),
    sdkAppId: 1400000001,
    occurredAt: new Date().toISOString(),
    requestId: 'r1',
  };
}

describe(FlatValidator.name, () => {
  const flatClasses = Object.entries(EventClasses).filter(([, cls]) =>
    isFlat(cls as ClassConstructor<object>),
  ) as [string, ClassConstructor<object>][];

  it('covers the flat event classes', () => {
    expect(flatClasses.length).toBeGreaterThan(30);
  });

  it.each(flatClasses)('answers as class-validator for every property of %s', (_subject, cls) => {
    const sut = new FlatValidator(cls);
    const properties = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(cls, '', false, false)
        .map((rule) => rule.propertyName),
    );
    expect(sut.problems({ ...validEnvelope() })).toEqual(
      classValidatorProblems(cls, { ...validEnvelope() }),
    );
    for (const property of properties)
      for (const value of SAMPLES) {
        const event = { ...validEnvelope(), [property]: value };
        expect([property, value, sut.problems(event)]).toEqual([
          property,
          value,
          classValidatorProblems(cls, event),
        ]);
      }
  });
});
