import { IsArray, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/** Bans were lifted before their end (`group.evt.member-unbanned`); told to those accounts. */
export class MemberUnbannedEvent extends GroupEvent {
  @IsArray()
  @IsString({ each: true })
  userIds!: string[];
}
