import { IsIn, IsInt, IsString, MaxLength, ValidateIf } from 'class-validator';

import { IsUserId } from '@im/contracts';

/** A conversation of the recentcontact group/mark commands: `Type` 1 + `To_Account`, 2 + `ToGroupId`. */
export class ContactItemDto {
  @IsIn([1, 2])
  @IsInt()
  Type!: 1 | 2;

  @ValidateIf((d: ContactItemDto) => d.Type === 1)
  @IsUserId()
  To_Account?: string;

  @ValidateIf((d: ContactItemDto) => d.Type === 2)
  @MaxLength(128)
  @IsString()
  ToGroupId?: string;
}
