import type { GroupResult } from './group-result';

export class GetGroupsReply {
  /** One per requested ID, in request order. */
  groups!: GroupResult[];
}
