import type { GroupRoleOrNone } from './group.enums';

export class MemberRole {
  userId!: string;
  role!: GroupRoleOrNone;
}
