import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * A string without U+0000, for values kept in PostgreSQL `text` columns, which cannot hold it
 * (the write would fail as an internal error instead of a refusal). Non-strings pass (other
 * decorators check the type).
 */
export function NoNul(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'noNul',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args: ValidationArguments) => `${args.property} may not contain U+0000`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !value.includes('\u0000'),
      },
    });
  };
}
