import type { MemberRole } from './member-role';

export class GetRolesReply {
  roles!: MemberRole[];
}
