import { IsArray, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/** A member's NameCard, MsgFlag or custom fields changed (`group.evt.member-info-changed`). */
export class MemberInfoChangedEvent extends GroupEvent {
  @IsString()
  userId!: string;

  /** Spec names: `NameCard`, `MsgFlag`, `AppMemberDefinedData`. */
  @IsArray()
  @IsString({ each: true })
  changedFields!: string[];
}
