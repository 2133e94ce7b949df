import { IsArray, IsInt, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/**
 * Accounts were banned (`group.evt.member-banned`): removed from the group (the removal is its
 * own `member-kicked` fact) and kept out until `bannedUntil` (UNIX seconds); the description
 * goes to them.
 */
export class MemberBannedEvent extends GroupEvent {
  @IsArray()
  @IsString({ each: true })
  userIds!: string[];

  @IsInt()
  bannedUntil!: number;

  @IsString()
  description!: string;
}
