import { IsArray } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/** Entries were added to or removed from `userId`'s blacklist (REL-35 … REL-38). */
export class BlacklistChangedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsArray()
  @IsUserId({ each: true })
  addedUserIds!: string[];

  @IsArray()
  @IsUserId({ each: true })
  removedUserIds!: string[];
}
