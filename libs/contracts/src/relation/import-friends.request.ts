import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';

import { IsUserId } from '../common';
import { ImportFriendItem } from './import-friend-item';
import { RelationLimits } from './relation.enums';

/** friend_import: one-way friends of `userId`, without verification (App admin and services). */
export class ImportFriendsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.addBatchMax)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ImportFriendItem)
  items!: ImportFriendItem[];
}
