import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString } from 'class-validator';

import { IsUserId } from '../common';
import { DeleteTypes, RelationLimits } from './relation.enums';
import type { DeleteType } from './relation.enums';

/** friend_delete: default `single` (REL-24 … REL-26). */
export class DeleteFriendsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.batchMax)
  @IsString({ each: true })
  toUserIds!: string[];

  @IsOptional()
  @IsIn(DeleteTypes)
  deleteType?: DeleteType;
}
