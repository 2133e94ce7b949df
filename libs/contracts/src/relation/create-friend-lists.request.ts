import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString } from 'class-validator';

import { IsUserId } from '../common';
import { RelationLimits } from './relation.enums';

/** group_add: new friend lists, optionally with friends put in each of them. */
export class CreateFriendListsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.friendListsMax)
  @IsString({ each: true })
  names!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(RelationLimits.batchMax)
  @IsString({ each: true })
  toUserIds?: string[];
}
