import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';

import { IsUserId } from '../common';
import { AddFriendItem } from './add-friend-item';
import { AddTypes, RelationLimits } from './relation.enums';
import type { AddType } from './relation.enums';

/** friend_add: `userId` asks to add each target (one or two rounds by the target's AllowType). */
export class AddFriendsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.addBatchMax)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AddFriendItem)
  items!: AddFriendItem[];

  /** Default `both` (AMB-28). */
  @IsOptional()
  @IsIn(AddTypes)
  addType?: AddType;

  /** ForceAddFlags 1: ignore the targets' AllowType (App admin and services only). */
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
