import { IsArray, IsString } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/** Friend lists of `userId` were created or deleted. */
export class FriendListsChangedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsArray()
  @IsString({ each: true })
  created!: string[];

  @IsArray()
  @IsString({ each: true })
  deleted!: string[];
}
