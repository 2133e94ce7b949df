import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, ValidateNested } from 'class-validator';

import { ErrorCode, IsUserId, PushLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

export class UserTagsItemDto {
  @IsUserId(withCode(ErrorCode.ToAccountInvalid))
  To_Account!: string;

  @IsString({ ...withCode(ErrorCode.PushEmptyTag), each: true })
  @IsArray(withCode(ErrorCode.PushEmptyTag))
  Tags!: string[];
}

/** `im_add_tag` / `im_remove_tag` (dobyte sends `Tags` for `UserTags`). */
export class UserTagsDto {
  @ValidateNested({ each: true })
  @Type(() => UserTagsItemDto)
  @ArrayMaxSize(PushLimits.maxAccountsPerRequest, withCode(ErrorCode.PushTooManyAccounts))
  @IsArray()
  UserTags!: UserTagsItemDto[];
}
