import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsString } from 'class-validator';

import { ErrorCode, ProfileLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/** `profile/portrait_get` (docs/rest-api.md §5.2). */
export class PortraitGetDto {
  // Decorators run bottom-up and validation stops at the first failure (presence first): no
  // account at all is 40002; a wrong type (the last line) is 40001, not a size code.
  @ArrayMinSize(1, withCode(ErrorCode.ProfileNoAccount))
  @ArrayMaxSize(ProfileLimits.getMaxUsers)
  @IsString({ each: true })
  @IsArray()
  @IsDefined(withCode(ErrorCode.ProfileNoAccount))
  To_Account!: string[];

  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsArray()
  TagList!: string[];
}
