import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** UTF-8 length of a string, the unit of every length limit (docs/requirements.md AMB-3). */
export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** A string of at most `max` (and at least `min`) UTF-8 bytes. Non-strings fail. */
export function Utf8Bytes(
  min: number,
  max: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'utf8Bytes',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [min, max],
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} must be a string of ${min}..${max} UTF-8 bytes`,
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string') return false;
          const n = utf8Length(value);
          return n >= min && n <= max;
        },
      },
    });
  };
}
