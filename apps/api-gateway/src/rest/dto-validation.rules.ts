import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

import { compileValidator } from '@im/platform';
import type { CompiledValidator } from '@im/platform';

import { RestFailure } from './envelope.mapper';

/** Copies values of old field names to the current ones unless the current one is present. */
export function applyAliases(
  body: Record<string, unknown>,
  aliases?: Readonly<Record<string, string>>,
): Record<string, unknown> {
  if (!aliases) return body;
  const out = { ...body };
  for (const [alias, name] of Object.entries(aliases)) {
    if (out[name] === undefined && out[alias] !== undefined) out[name] = out[alias];
  }
  return out;
}

/**
 * Builds the DTO from a parsed body and validates it strictly (no type coercion; unknown
 * fields dropped). The first broken rule decides the code: the one its decorator names
 * (`withCode`), else `fallbackCode`. class-validator runs a property's decorators bottom-up,
 * so a DTO puts its type check (`@IsArray`, `@IsString`) last, right above the property.
 */
export function validateDto<D extends object>(
  dtoClass: new () => D,
  body: Record<string, unknown>,
  fallbackCode: number,
): D {
  const accepted = compiledFor(dtoClass)?.accept(body);
  return accepted !== undefined ? (accepted as D) : validateDtoFully(dtoClass, body, fallbackCode);
}

const compiled = new Map<unknown, CompiledValidator | null>();

/**
 * The DTO's compiled rules (`CompiledValidator`): a body they accept is the DTO
 * class-transformer and class-validator would build, at a fraction of the cost; any other
 * takes the full path, which words the refusal.
 */
function compiledFor(dtoClass: new () => object): CompiledValidator | undefined {
  let validator = compiled.get(dtoClass);
  if (validator === undefined)
    compiled.set(dtoClass, (validator = compileValidator(dtoClass) ?? null));
  return validator ?? undefined;
}

/** `validateDto` through class-transformer and class-validator, for every body. */
export function validateDtoFully<D extends object>(
  dtoClass: new () => D,
  body: Record<string, unknown>,
  fallbackCode: number,
): D {
  const dto = plainToInstance(dtoClass, body, { enableImplicitConversion: false });
  const errors = validateSync(dto, {
    whitelist: true,
    forbidUnknownValues: false,
    stopAtFirstError: true,
  });
  if (errors.length === 0) return dto;
  const { error, path } = firstLeaf(errors[0], '');
  const [constraint, message] = Object.entries(error.constraints ?? {})[0] ?? [
    '',
    `${path} is invalid`,
  ];
  const code = errorCodeOf(error.contexts, constraint) ?? fallbackCode;
  throw new RestFailure(
    code,
    path && !message.startsWith(error.property)
      ? `${path}: ${message}`
      : prefixPath(path, error.property, message),
  );
}

function firstLeaf(
  error: ValidationError,
  parent: string,
): { error: ValidationError; path: string } {
  const path = parent ? `${parent}.${error.property}` : error.property;
  if (error.constraints && Object.keys(error.constraints).length) return { error, path };
  const child = error.children?.[0];
  return child ? firstLeaf(child, path) : { error, path };
}

/** class-validator messages start with the property; show the full path instead. */
function prefixPath(path: string, property: string, message: string): string {
  return path === property ? message : `${path}${message.slice(property.length)}`;
}

/** The `errorCode` a decorator attached with `withCode`, if any. */
function errorCodeOf(contexts: unknown, constraint: string): number | undefined {
  if (typeof contexts !== 'object' || contexts === null) return undefined;
  const context: unknown = (contexts as Record<string, unknown>)[constraint];
  if (typeof context !== 'object' || context === null) return undefined;
  const code: unknown = (context as Record<string, unknown>).errorCode;
  return typeof code === 'number' ? code : undefined;
}
