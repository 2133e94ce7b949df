import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsString,
  MinLength,
  ValidateNested,
} from 'class-validator';

import { ErrorCode } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { ProfileItemDto } from './profile-item.dto';

/** `profile/portrait_set` (docs/rest-api.md §5.1). */
export class PortraitSetDto {
  // Decorators run bottom-up and validation stops at the first failure (presence first): a
  // missing or empty account is 40002 "no account specified", another type 40001.
  @MinLength(1, withCode(ErrorCode.ProfileNoAccount))
  @IsString()
  @IsDefined(withCode(ErrorCode.ProfileNoAccount))
  From_Account!: string;

  // The type check is the last line, so a wrong type is not reported as an empty list.
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ProfileItemDto)
  @IsArray()
  ProfileItem!: ProfileItemDto[];
}
