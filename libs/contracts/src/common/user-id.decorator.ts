import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

import { IdLimits, isValidUserId } from './ids';

/** A UserID (1..32 bytes, no control characters); with `each`, every item of an array. */
export function IsUserId(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isUserId',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} must be a user ID of 1..${IdLimits.userIdMaxBytes} bytes without control characters`,
        ...options,
      },
      validator: { validate: (value: unknown) => isValidUserId(value) },
    });
  };
}
