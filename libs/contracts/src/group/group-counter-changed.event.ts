import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsString, ValidateNested } from 'class-validator';

import { GroupCounterItem } from './group-counter-item';
import { GroupCounterOps } from './group-counter.limits';
import type { GroupCounterOp } from './group-counter.limits';
import { GroupEvent } from './group.event';

/**
 * A group's counters changed (`group.evt.counter-changed`): what was done, the counters it
 * wrote with their values after (`counters`, empty for a deletion) and the keys it removed
 * (`deletedKeys`, empty for an update).
 */
export class GroupCounterChangedEvent extends GroupEvent {
  @IsIn(GroupCounterOps)
  op!: GroupCounterOp;

  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupCounterItem)
  counters!: GroupCounterItem[];

  @IsArray()
  @IsString({ each: true })
  deletedKeys!: string[];
}
