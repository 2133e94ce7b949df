import { ArrayMinSize, IsArray, IsIn } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

export const FriendDeletedVia = ['delete', 'blacklist', 'account-deleted'] as const;
export type FriendDeletedVia = (typeof FriendDeletedVia)[number];

/** Friends were removed from `userId`'s table (one direction; REL-27, REL-44). */
export class FriendsDeletedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsUserId({ each: true })
  friendIds!: string[];

  @IsIn(FriendDeletedVia)
  via!: FriendDeletedVia;
}
