import { IsDefined, IsString, ValidateBy } from 'class-validator';
import type { ValidationOptions } from 'class-validator';

import { ErrorCode } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/**
 * A JSON string or number: `Value` is a string for string fields and an integer for integer
 * fields, which the profile service checks per tag (docs/rest-api.md §5.1).
 */
export function IsStringOrNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringOrNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' || typeof value === 'number',
        defaultMessage: () => '$property must be a string or an integer',
      },
    },
    options,
  );
}

/** `{Tag, Value}`, an item of portrait_set's `ProfileItem` (docs/rest-api.md §2.4). */
export class ProfileItemDto {
  @IsString()
  Tag!: string;

  // A missing Value is a malformed request (40001); a value of another JSON type (boolean,
  // object, array) is the wrong type for every field (40610).
  @IsStringOrNumber(withCode(ErrorCode.ProfileValueWrongType))
  @IsDefined()
  Value!: string | number;
}
