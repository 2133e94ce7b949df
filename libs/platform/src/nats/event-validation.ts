import { plainToInstance } from 'class-transformer';
import type { ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { ValidationError } from 'class-validator';

import { EventClasses } from '@im/contracts';
import type { EventSubject } from '@im/contracts';

import { memoizeValidationMetadata } from '../validation/validation-metadata';

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
  const errors = validateSync(plainToInstance(cls, event), { forbidUnknownValues: false });
  return problemLines(errors);
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
