import type { GroupMemberView } from './group-member-view';

export class GetMembersReply {
  /** Members of the group (all of them, whatever the filters and the page). */
  memberNum!: number;
  members!: GroupMemberView[];
}
