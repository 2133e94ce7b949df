import { IsArray, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/** Members were removed (`group.evt.member-kicked`); the reason goes to them (GRP-49). */
export class MemberKickedEvent extends GroupEvent {
  @IsArray()
  @IsString({ each: true })
  userIds!: string[];

  @IsString()
  reason!: string;
}
