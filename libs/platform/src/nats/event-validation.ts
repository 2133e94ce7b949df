import { plainToInstance } from 'class-transformer';
import type { ClassConstructor } from 'class-transformer';
import { defaultMetadataStorage as transformerStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, validateSync } from 'class-validator';
import type { ValidationError } from 'class-validator';

import { EventClasses } from '@im/contracts';
import type { EventSubject } from '@im/contracts';

import { memoizeValidationMetadata } from '../validation/validation-metadata';
import { FLAT_RULE_TYPES, FlatValidator } from './flat-validator';

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
  if (isFlat(cls)) return flatValidatorOf(cls).problems(event);
  return problemLines(validateSync(plainToInstance(cls, event), { forbidUnknownValues: false }));
}

const flatness = new Map<ClassConstructor<object>, boolean>();
const flatValidators = new Map<ClassConstructor<object>, FlatValidator>();

function flatValidatorOf(cls: ClassConstructor<object>): FlatValidator {
  let validator = flatValidators.get(cls);
  if (!validator) flatValidators.set(cls, (validator = new FlatValidator(cls)));
  return validator;
}

/**
 * A class whose rules never descend into a nested object (no `@ValidateNested`) and convert
 * nothing (no `@Type`/`@Transform`) needs no class-transformer copy — which, for an event
 * carrying a whole message, cost more than the validation itself — and its rules can be laid
 * out once (`FlatValidator`). Measured on the push service in the REST bench (2 cores):
 * 28–29 % of the machine with class-transformer and class-validator per event, 24–25 % this
 * way, 23–24 % with no validation; 1.1 µs per offline-push event in a microbenchmark.
 */
export function isFlat(cls: ClassConstructor<object>): boolean {
  let flat = flatness.get(cls);
  if (flat === undefined) {
    const rules = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
    const properties = new Set(rules.map((rule) => rule.propertyName));
    flat =
      rules.every((rule) => FLAT_RULE_TYPES.has(rule.type)) &&
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
