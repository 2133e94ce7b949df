import { IsArray, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/**
 * A group was dismissed (`group.evt.destroyed`; GRP-41). `memberIds`: who was a member of a
 * table-stored group (the group is gone, so messaging cannot ask any more); room-stored groups
 * carry none and are told on their room subject.
 */
export class GroupDestroyedEvent extends GroupEvent {
  @IsString()
  name!: string;

  @IsArray()
  @IsString({ each: true })
  memberIds!: string[];
}
