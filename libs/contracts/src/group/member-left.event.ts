import { IsArray, IsIn, IsString } from 'class-validator';

import { LeaveKinds } from './group.enums';
import type { LeaveKind } from './group.enums';
import { GroupEvent } from './group.event';

/** Members left by themselves or because their account was deleted (`group.evt.member-left`). */
export class MemberLeftEvent extends GroupEvent {
  @IsArray()
  @IsString({ each: true })
  userIds!: string[];

  @IsIn(LeaveKinds)
  leaveKind!: LeaveKind;
}
