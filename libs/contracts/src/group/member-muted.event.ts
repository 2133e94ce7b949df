import { IsArray, IsInt, IsString, Max, Min } from 'class-validator';

import { GroupEvent } from './group.event';

/** Members were muted or unmuted (`group.evt.member-muted`; muteTime 0 = unmuted). */
export class MemberMutedEvent extends GroupEvent {
  @IsArray()
  @IsString({ each: true })
  userIds!: string[];

  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  muteTime!: number;

  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  muteUntil!: number;
}
