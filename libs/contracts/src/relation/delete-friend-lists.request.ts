import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { IsUserId } from '../common';
import { RelationLimits } from './relation.enums';

/** group_delete: the lists go; their friends stay friends. */
export class DeleteFriendListsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.friendListsMax)
  @IsString({ each: true })
  names!: string[];
}
