import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { IsUserId } from '../common';
import { RelationLimits } from './relation.enums';

/** `userId` acts on these users: black_list_add, black_list_delete, recommendation removal. */
export class RelationUsersRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.batchMax)
  @IsString({ each: true })
  toUserIds!: string[];
}
