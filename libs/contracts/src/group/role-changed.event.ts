import { IsIn, IsString } from 'class-validator';

import { GroupRoles } from './group.enums';
import type { GroupRole } from './group.enums';
import { GroupEvent } from './group.event';

/** An admin was appointed or revoked (`group.evt.role-changed`). */
export class RoleChangedEvent extends GroupEvent {
  @IsString()
  userId!: string;

  @IsIn(GroupRoles)
  role!: GroupRole;
}
