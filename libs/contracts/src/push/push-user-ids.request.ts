import { IsArray } from 'class-validator';

import { IsUserId } from '../common';

/** Accounts to read or clear (`im_get_attr`, `im_get_tag`, `im_remove_all_tags`); ≤ 100 (90018). */
export class PushUserIdsRequest {
  @IsUserId({ each: true })
  @IsArray()
  userIds!: string[];
}
