import type { GroupView } from './group-view';

/** One group of a get_group_info answer: the group, or why not (10010, 10015, 10007). */
export class GroupResult {
  groupId!: string;
  code!: number;
  message!: string;
  group?: GroupView;
}
