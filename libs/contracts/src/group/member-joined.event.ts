import { IsArray, IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';

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

  /**
   * Imports (import_group_member): the group's last seq the members' read positions were
   * taken against; with `readSeqs` and `unreads` (one per `userIds` entry, same order) the
   * members' read seq and their unread count as of that seq. Without them a member starts
   * reading at the group's last seq when the fact is consumed.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  asOfSeq?: number;

  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @Min(0, { each: true })
  readSeqs?: number[];

  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @Min(0, { each: true })
  unreads?: number[];
}
