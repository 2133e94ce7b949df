import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString } from 'class-validator';

import { IsUserId } from '../common';
import { CheckTypes, RelationLimits } from './relation.enums';
import type { CheckType } from './relation.enums';

/** friend_check and black_list_check: the relation of `userId` (A) with each target (B). */
export class CheckRelationsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.batchMax)
  @IsString({ each: true })
  toUserIds!: string[];

  @IsIn(CheckTypes)
  checkType!: CheckType;
}
