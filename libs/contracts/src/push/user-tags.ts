import { Type } from 'class-transformer';
import { IsArray, IsObject, IsString, ValidateNested } from 'class-validator';

import { IsUserId } from '../common';

/** Tags of one user. */
export class UserTags {
  @IsUserId()
  userId!: string;

  @IsString({ each: true })
  @IsArray()
  tags!: string[];
}

/** `im_add_tag` / `im_remove_tag`. */
export class UserTagsRequest {
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UserTags)
  @IsArray()
  users!: UserTags[];
}

/** `im_get_tag`: every asked user with its tags (oldest first). */
export class GetUserTagsReply {
  users!: UserTags[];
}
