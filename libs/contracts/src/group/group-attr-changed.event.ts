import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsString, ValidateNested } from 'class-validator';

import { GroupAttrItem } from './group-attr-item';
import { GroupAttrOps } from './group-attr.limits';
import type { GroupAttrOp } from './group-attr.limits';
import { GroupEvent } from './group.event';

/**
 * A group's attributes changed (`group.evt.attr-changed`): what was done, the keys it touched
 * and every attribute after the change (at most 16 KB), so a member needs no second read.
 */
export class GroupAttrChangedEvent extends GroupEvent {
  @IsIn(GroupAttrOps)
  op!: GroupAttrOp;

  @IsArray()
  @IsString({ each: true })
  changedKeys!: string[];

  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupAttrItem)
  attrs!: GroupAttrItem[];
}
