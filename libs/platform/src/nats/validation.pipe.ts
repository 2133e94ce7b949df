import { ValidationError, ValidationPipe } from '@nestjs/common';

import { DomainError } from '@im/contracts';

import { memoizeValidationMetadata } from '../validation/validation-metadata';

/** Flattens class-validator errors into `path: constraint message` lines. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  const lines: string[] = [];
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    // class-validator messages start with the property name; prefix only the parent path.
    for (const message of Object.values(e.constraints ?? {}))
      lines.push(parent ? `${parent}.${message}` : message);
    if (e.children?.length) lines.push(...describeValidationErrors(e.children, path));
  }
  return lines;
}

/** Validates every inbound payload against its contract class; a failure is `invalidCode`. */
export function createPayloadValidationPipe(invalidCode: number): ValidationPipe {
  memoizeValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: false,
    validateCustomDecorators: false,
    exceptionFactory: (errors) =>
      new DomainError(
        invalidCode,
        describeValidationErrors(errors).slice(0, 5).join('; ') || 'invalid payload',
      ),
  });
}
