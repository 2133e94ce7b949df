import { IsArray, IsBoolean, IsIn, IsInt, IsString } from 'class-validator';

import { ApplyJoinOptions } from './group.enums';
import type { ApplyJoinOption } from './group.enums';
import { GroupEvent } from './group.event';

/**
 * Group information changed (`group.evt.info-changed`): the spec names of what changed and
 * the values after the change (a Name change needs a group system message, GRP-59).
 */
export class GroupInfoChangedEvent extends GroupEvent {
  @IsArray()
  @IsString({ each: true })
  changedFields!: string[];

  @IsInt()
  infoSeq!: number;

  @IsString()
  name!: string;

  @IsString()
  introduction!: string;

  @IsString()
  notificationText!: string;

  @IsString()
  faceUrl!: string;

  @IsInt()
  maxMemberNum!: number;

  @IsIn(ApplyJoinOptions)
  applyJoinOption!: ApplyJoinOption;

  @IsBoolean()
  muteAllMember!: boolean;

  /** Custom field keys that changed. */
  @IsArray()
  @IsString({ each: true })
  customDataKeys!: string[];
}
