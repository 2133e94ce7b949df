import { IsIn, IsInt, IsOptional, IsString, ValidateIf } from 'class-validator';

import { IsUserId } from '@im/contracts';

/**
 * `recentcontact/delete` (docs/rest-api.md §9.6): `Type` 1 with `To_Account`, 2 with `ToGroupid`
 * (lower-case `type` accepted); `ClearRamble` 1 also hides the history from the user.
 */
export class RecentContactDeleteDto {
  @IsUserId()
  From_Account!: string;

  @IsIn([1, 2])
  @IsInt()
  Type!: 1 | 2;

  @ValidateIf((d: RecentContactDeleteDto) => d.Type === 1)
  @IsUserId()
  To_Account?: string;

  @ValidateIf((d: RecentContactDeleteDto) => d.Type === 2)
  @IsString()
  ToGroupid?: string;

  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  ClearRamble?: 0 | 1;
}
