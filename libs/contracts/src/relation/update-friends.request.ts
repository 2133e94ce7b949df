import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';

import { IsUserId } from '../common';
import { RelationLimits } from './relation.enums';
import { UpdateFriendItem } from './update-friend-item';

/** friend_update: each item is applied whole or reported failed. */
export class UpdateFriendsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.addBatchMax)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UpdateFriendItem)
  items!: UpdateFriendItem[];
}
