import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';

import { GroupCounterLimits } from './group-counter.limits';
import { GroupIdRequest } from './group-id.request';

/**
 * get_group_counter (`keys` absent or empty = every counter) and delete_group_counter (the
 * keys to remove).
 */
export class GroupCounterKeysRequest extends GroupIdRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GroupCounterLimits.requestMaxItems)
  @IsString({ each: true })
  keys?: string[];
}
