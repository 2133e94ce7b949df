import type { GroupHistoryItem } from './group-history-item';

export class GroupHistoryReply {
  groupId!: string;
  /** 1 = the whole range returned; 0 = cut (more before); 2 = cut and what is before expired. */
  finished!: 0 | 1 | 2;
  /** Newest first. */
  items!: GroupHistoryItem[];
}
