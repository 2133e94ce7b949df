import type { GroupMemberView } from './group-member-view';
import type { GroupView } from './group-view';

/** One group of a user's list, with the user's own member record. */
export class JoinedGroup {
  group!: GroupView;
  self!: GroupMemberView;
  /** NextMsgSeq - 1 - read seq, for types with unread counts (T22); else 0. */
  unreadMsgNum!: number;
}
