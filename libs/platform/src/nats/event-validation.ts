import { plainToInstance } from 'class-transformer';
import type { ClassConstructor } from 'class-transformer';
import { defaultMetadataStorage as transformerStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, validateSync } from 'class-validator';
import type { ValidationError } from 'class-validator';

import { EventClasses } from '@im/contracts';
import type { EventSubject } from '@im/contracts';

import { memoizeValidationMetadata } from '../validation/validation-metadata';

/** `TransformationType.PLAIN_TO_CLASS`. */
const PLAIN_TO_CLASS = 0;

/**
 * What is wrong with an event received on a subject, checked against its contract class
 * (`EventClasses`) with the memoized class-validator rules the RPC pipe uses: one
 * `path: rule` line per failure, naming no value, so the lines can be logged. Empty when the
 * event is valid.
 */
export function eventProblems(subject: EventSubject, event: unknown): string[] {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return ['not an object'];
  memoizeValidationMetadata();
  const cls = EventClasses[subject] as ClassConstructor<object>;
  const instance = isFlat(cls)
    ? Object.assign(Object.create(cls.prototype as object) as object, event)
    : plainToInstance(cls, event);
  return problemLines(validateSync(instance, { forbidUnknownValues: false }));
}

const flatness = new Map<ClassConstructor<object>, boolean>();

/**
 * A class whose rules never descend into a nested object (no `@ValidateNested`) and convert
 * nothing (no `@Type`/`@Transform`) validates the same on a shallow instance as on
 * class-transformer's deep copy — which, for an event carrying a whole message, costs more
 * than the validation itself (measured: most of the push service's added CPU per message).
 */
export function isFlat(cls: ClassConstructor<object>): boolean {
  let flat = flatness.get(cls);
  if (flat === undefined) {
    const rules = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
    const properties = new Set(rules.map((rule) => rule.propertyName));
    flat =
      !rules.some((rule) => rule.type === 'nestedValidation') &&
      ![...properties].some((property) => convertsProperty(cls, property));
    flatness.set(cls, flat);
  }
  return flat;
}

/** class-transformer's own record of a conversion for the property (`@Type`, `@Transform`). */
function convertsProperty(cls: ClassConstructor<object>, property: string): boolean {
  for (let target: unknown = cls; typeof target === 'function';) {
    if (
      transformerStorage.findTypeMetadata(target, property) !== undefined ||
      transformerStorage.findTransformMetadatas(target, property, PLAIN_TO_CLASS).length > 0
    )
      return true;
    const parent: unknown = Object.getPrototypeOf(target);
    target = parent === Function.prototype ? undefined : parent;
  }
  return false;
}

function problemLines(errors: ValidationError[], parent = ''): string[] {
  const lines: string[] = [];
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    for (const rule of Object.keys(e.constraints ?? {})) lines.push(`${path}: ${rule}`);
    if (e.children?.length) lines.push(...problemLines(e.children, path));
  }
  return lines;
}
