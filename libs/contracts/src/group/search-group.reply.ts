import type { GroupView } from './group-view';

/** Exact search by GroupId (GRP-53): the group when it exists and its type is searchable (T1). */
export class SearchGroupReply {
  groups!: GroupView[];
}
