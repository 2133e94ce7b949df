import { ArrayMinSize, IsArray, IsString } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/** Fields of friends in `userId`'s table changed (remark, lists, custom fields). */
export class FriendsUpdatedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsUserId({ each: true })
  friendIds!: string[];

  @IsArray()
  @IsString({ each: true })
  changedTags!: string[];
}
