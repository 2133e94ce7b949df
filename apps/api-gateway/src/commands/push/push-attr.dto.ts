import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsString, ValidateNested } from 'class-validator';

import { ErrorCode, IsUserId, PushLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/** `im_set_attr_name`: `AttrNames` {"0": "sex", ...}. */
export class SetAttrNameDto {
  @IsObject(withCode(ErrorCode.PushAttributeInvalid))
  AttrNames!: Record<string, string>;
}

/** `im_get_attr_name` takes `{}`. */
export class GetAttrNameDto {}

/** `To_Account` of `im_get_attr`, `im_get_tag`, `im_remove_all_tags`: ≤ 100 accounts (90018). */
export class PushAccountsDto {
  @IsUserId({ ...withCode(ErrorCode.ToAccountInvalid), each: true })
  @ArrayMaxSize(PushLimits.maxAccountsPerRequest, withCode(ErrorCode.PushTooManyAccounts))
  @IsArray(withCode(ErrorCode.ToAccountInvalid))
  To_Account!: string[];
}

export class UserAttrsItemDto {
  @IsUserId(withCode(ErrorCode.ToAccountInvalid))
  To_Account!: string;

  @IsObject(withCode(ErrorCode.PushAttributeInvalid))
  Attrs!: Record<string, string>;
}

/** `im_set_attr` (dobyte sends `Attrs` for `UserAttrs`). */
export class SetAttrDto {
  @ValidateNested({ each: true })
  @Type(() => UserAttrsItemDto)
  @ArrayMaxSize(PushLimits.maxAccountsPerRequest, withCode(ErrorCode.PushTooManyAccounts))
  @IsArray()
  UserAttrs!: UserAttrsItemDto[];
}

export class UserAttrNamesItemDto {
  @IsUserId(withCode(ErrorCode.ToAccountInvalid))
  To_Account!: string;

  @IsString({ ...withCode(ErrorCode.PushAttributeInvalid), each: true })
  @IsArray(withCode(ErrorCode.PushAttributeInvalid))
  Attrs!: string[];
}

/** `im_remove_attr`. */
export class RemoveAttrDto {
  @ValidateNested({ each: true })
  @Type(() => UserAttrNamesItemDto)
  @ArrayMaxSize(PushLimits.maxAccountsPerRequest, withCode(ErrorCode.PushTooManyAccounts))
  @IsArray()
  UserAttrs!: UserAttrNamesItemDto[];
}
