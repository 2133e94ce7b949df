import { Type } from 'class-transformer';
import { IsArray, IsObject, IsString, ValidateNested } from 'class-validator';

import { IsUserId } from '../common';

/** Attribute values of one user, by attribute name. */
export class UserAttrs {
  @IsUserId()
  userId!: string;

  @IsObject()
  attrs!: Record<string, string>;
}

/** `im_set_attr`: values per user (each attribute set independently, PSH-5). */
export class SetUserAttrsRequest {
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UserAttrs)
  @IsArray()
  users!: UserAttrs[];
}

/** Attribute names to delete from one user. */
export class UserAttrNames {
  @IsUserId()
  userId!: string;

  @IsString({ each: true })
  @IsArray()
  attrNames!: string[];
}

/** `im_remove_attr`. */
export class RemoveUserAttrsRequest {
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UserAttrNames)
  @IsArray()
  users!: UserAttrNames[];
}

/** `im_get_attr`: every asked user, with the attributes it has (by current name). */
export class GetUserAttrsReply {
  users!: UserAttrs[];
}
