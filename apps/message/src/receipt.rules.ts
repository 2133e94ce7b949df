import type { ConversationView } from './conversation-access.service';
import { isVisible } from './conversation-access.service';
import { hasFlag, MessageFlags } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

/**
 * Group types whose messages take read receipts: the member-list groups (Private/Work,
 * Public, ChatRoom/Meeting). Live rooms and broadcast groups keep no member list, and
 * Community groups are too large by design — as on Tencent, none of them take receipts.
 */
export function groupTakesReceipts(view: ConversationView): boolean {
  if (view.type !== 'GROUP') return true;
  return !view.isRoom && view.group?.type !== 'Community';
}

/**
 * The messages `reader` may send a read receipt for: visible to it, not recalled, sent by
 * someone else and, in C2C, sent to the reader.
 */
export function receiptTargets(
  view: ConversationView,
  reader: string,
  messages: StoredMessage[],
): StoredMessage[] {
  return messages.filter(
    (m) =>
      isVisible(view, m) &&
      !hasFlag(m, MessageFlags.recalled) &&
      m.fromId !== reader &&
      (view.type === 'GROUP' || m.toId === reader),
  );
}

/** The message seqs of each sender, in seq order. */
export function seqsBySender(messages: StoredMessage[]): Map<string, number[]> {
  const by = new Map<string, number[]>();
  for (const m of [...messages].sort((a, b) => a.seq - b.seq)) {
    const seqs = by.get(m.fromId) ?? [];
    seqs.push(m.seq);
    by.set(m.fromId, seqs);
  }
  return by;
}

/**
 * Read and unread counts of a group message: `readNum` counts every receipt; `unreadNum` the
 * members now in the group (the sender left out) less those who read it — a reader who left
 * the group still counts as read, never as a negative unread.
 */
export function receiptCount(
  members: readonly string[],
  sender: string,
  readNum: number,
): { readNum: number; unreadNum: number } {
  const eligible = members.filter((m) => m !== sender).length;
  return { readNum, unreadNum: Math.max(0, eligible - readNum) };
}

/** The members of a group message who have not read it, in user-ID order (sender left out). */
export function unreadMembers(
  members: readonly string[],
  sender: string,
  readers: readonly string[],
): string[] {
  const read = new Set(readers);
  return members.filter((m) => m !== sender && !read.has(m)).sort(compareIds);
}

/**
 * One page of a user-ID-ordered list after `cursor` (the last ID of the previous page; '' for
 * the first): up to `count` IDs, the cursor of the next page ('' when finished).
 */
export function pageAfter(
  sorted: readonly string[],
  cursor: string | undefined,
  count: number,
): { members: string[]; cursor: string; isFinished: boolean } {
  const start = cursor ? sorted.findIndex((id) => compareIds(id, cursor) > 0) : 0;
  const from = start < 0 ? sorted.length : start;
  const members = sorted.slice(from, from + count);
  const isFinished = from + count >= sorted.length;
  return { members, cursor: isFinished ? '' : (members[members.length - 1] ?? ''), isFinished };
}

/** Byte-wise order of user IDs (the order Postgres `ORDER BY user_id COLLATE "C"` gives). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
