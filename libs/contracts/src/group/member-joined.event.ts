import { IsArray, IsIn, IsString } from 'class-validator';

import { JoinKinds } from './group.enums';
import type { JoinKind } from './group.enums';
import { GroupEvent } from './group.event';

/** Users became members (`group.evt.member-joined`; GRP-58/59). */
export class MemberJoinedEvent extends GroupEvent {
  @IsArray()
  @IsString({ each: true })
  userIds!: string[];

  @IsIn(JoinKinds)
  joinKind!: JoinKind;
}
