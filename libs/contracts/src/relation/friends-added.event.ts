import { ArrayMinSize, IsArray, IsIn } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

export const FriendAddedVia = ['add', 'accept', 'import'] as const;
export type FriendAddedVia = (typeof FriendAddedVia)[number];

/** Friends were added to `userId`'s table (one direction; REL-44 "friend added"). */
export class FriendsAddedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsUserId({ each: true })
  friendIds!: string[];

  @IsIn(FriendAddedVia)
  via!: FriendAddedVia;
}
