import { ArrayMinSize, IsArray, IsString } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/**
 * `userId` changed a "push on update" profile field; `toUserIds` have `userId` in their friend
 * table and are told (REL-44, PRF-16, AMB-25). Large audiences come in several events.
 */
export class FriendProfileChangedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsUserId({ each: true })
  toUserIds!: string[];

  @IsArray()
  @IsString({ each: true })
  changedTags!: string[];
}
