import { IsIn, IsOptional } from 'class-validator';

import { IsUserId } from '../common';
import { DeleteTypes } from './relation.enums';
import type { DeleteType } from './relation.enums';

/** friend_delete_all: default `single`. */
export class DeleteAllFriendsRequest {
  @IsUserId()
  userId!: string;

  @IsOptional()
  @IsIn(DeleteTypes)
  deleteType?: DeleteType;
}
