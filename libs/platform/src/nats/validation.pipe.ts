import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';

import { DomainError } from '@im/contracts';

import { memoizeValidationMetadata } from '../validation/validation-metadata';
import { compileValidator } from './compiled-validator';
import type { CompiledValidator } from './compiled-validator';

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

/**
 * Validates every inbound payload against its contract class; a failure is `invalidCode`.
 * A payload of a class that compiles (`CompiledValidator`: most contracts) and passes is
 * answered by the compiled rules — measured 36 µs → a few µs per `message.rpc.send-c2c`
 * request; anything else, and every refusal with its message, goes through class-transformer
 * and class-validator as before (`ValidationPipe`), which the compiled rules agree with.
 */
export function createPayloadValidationPipe(invalidCode: number): ValidationPipe {
  memoizeValidationMetadata();
  return new CompiledValidationPipe({
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

/** `ValidationPipe` (whitelist, transform) with a compiled fast path for accepted payloads. */
export class CompiledValidationPipe extends ValidationPipe {
  private readonly compiled = new Map<unknown, CompiledValidator | null>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (metatype && this.toValidate(metadata)) {
      let validator = this.compiled.get(metatype);
      if (validator === undefined) {
        validator = compileValidator(metatype as new () => object) ?? null;
        this.compiled.set(metatype, validator);
      }
      const accepted = validator?.accept(value);
      if (accepted !== undefined) return accepted;
    }
    return super.transform(value, metadata);
  }
}
