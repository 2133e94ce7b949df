import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, ValidateNested } from 'class-validator';

import { GroupCounterItem } from './group-counter-item';
import { GroupCounterLimits, GroupCounterModes } from './group-counter.limits';
import type { GroupCounterMode } from './group-counter.limits';
import { GroupIdRequest } from './group-id.request';

/**
 * update_group_counter: `set` writes the values, `increase` / `decrease` add / subtract them
 * (a key the group does not have starts at 0). The limits of `GroupCounterLimits` are the
 * group service's (10004).
 */
export class UpdateGroupCounterRequest extends GroupIdRequest {
  @IsIn(GroupCounterModes)
  mode!: GroupCounterMode;

  @IsArray()
  @ArrayMaxSize(GroupCounterLimits.requestMaxItems)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupCounterItem)
  counters!: GroupCounterItem[];
}
