import { ConversationIds } from '@im/contracts';
import type { ChatMessage, ConversationState } from '@im/contracts';

import type { ChatEmit } from './chat-emit';

/**
 * The client's conversation list with unread counts: the server's state as synced, moved on by
 * the messages delivered or sent since, by read reports (here or on another device), recalls,
 * edits and deletions. It raises `conversation`, `conversation-deleted`, `messages-deleted` and
 * `read`.
 */
export class ConversationList {
  private readonly convs = new Map<string, ConversationState>();
  /** Conversations whose server state keeps no unread count (T22). */
  private readonly withoutUnread = new Set<string>();

  constructor(
    private readonly emit: ChatEmit,
    private readonly me: () => string | undefined,
  ) {}

  /** The list, most recent first (copies). */
  list(): ConversationState[] {
    return [...this.convs.values()]
      .filter((c) => !c.isDeleted)
      .sort((a, b) => b.lastTime - a.lastTime || b.lastSeq - a.lastSeq)
      .map((c) => ({ ...c }));
  }

  /** A copy of one conversation's state. */
  get(convId: string): ConversationState | undefined {
    const conv = this.convs.get(convId);
    return conv ? { ...conv } : undefined;
  }

  /** Merges the server's state of a conversation (a sync page) with what is known here. */
  merge(state: ConversationState): void {
    const convId = state.convId;
    const known = this.convs.get(convId);
    if (state.unread === 0 && state.lastSeq > state.readSeq) this.withoutUnread.add(convId);
    // The server's numbers, unless messages delivered since are newer.
    const merged: ConversationState = { ...state };
    if (known && known.lastSeq > state.lastSeq) {
      merged.lastSeq = known.lastSeq;
      merged.lastMessage = known.lastMessage;
      merged.lastTime = known.lastTime;
    }
    if (known && known.readSeq > merged.readSeq) merged.readSeq = known.readSeq;
    // The server's count leaves out NoUnread messages; ours only when we know more.
    if (merged.lastSeq !== state.lastSeq || merged.readSeq !== state.readSeq)
      merged.unread = this.unreadOf(convId, merged.lastSeq, merged.readSeq);
    if (state.isDeleted) {
      this.remove(convId);
    } else {
      this.convs.set(convId, merged);
      this.emit('conversation', { ...merged });
    }
  }

  /** A message (delivered or sent here) moves its conversation. */
  noteMessage(message: ChatMessage): void {
    const convId = message.convId;
    const me = this.me();
    const conv: ConversationState = this.convs.get(convId) ?? {
      convId,
      type: message.type,
      peer: peerOf(convId, me),
      lastSeq: 0,
      readSeq: 0,
      unread: 0,
      lastTime: 0,
      version: 0,
    };
    // Only a message beyond what the list knew counts as new (a catch-up was counted by sync).
    const isNew = message.seq > conv.lastSeq;
    if (message.seq >= conv.lastSeq) {
      conv.lastSeq = message.seq;
      conv.lastMessage = message;
      conv.lastTime = message.time;
    }
    if (message.from === me && message.seq > conv.readSeq) conv.readSeq = message.seq;
    conv.unread =
      isNew && message.from !== me && message.seq > conv.readSeq && !this.withoutUnread.has(convId)
        ? conv.unread + 1
        : Math.min(conv.unread, this.unreadOf(convId, conv.lastSeq, conv.readSeq));
    conv.isDeleted = false;
    this.convs.set(convId, conv);
    this.emit('conversation', { ...conv });
  }

  /** The user's read position moved (here or on another device). */
  applyRead(convId: string, readSeq: number, unread?: number): void {
    const conv = this.convs.get(convId);
    if (!conv) {
      this.emit('read', { convId, readSeq, unread: unread ?? 0 });
      return;
    }
    if (readSeq > conv.readSeq) conv.readSeq = readSeq;
    conv.unread =
      unread ?? Math.min(conv.unread, this.unreadOf(convId, conv.lastSeq, conv.readSeq));
    this.emit('conversation', { ...conv });
    this.emit('read', { convId, readSeq: conv.readSeq, unread: conv.unread });
  }

  /** A recalled message that is the conversation's last shows as recalled. */
  noteRecalled(convId: string, seq: number): void {
    const conv = this.convs.get(convId);
    if (conv?.lastMessage?.seq === seq) {
      conv.lastMessage = { ...conv.lastMessage, isRecalled: true };
      this.emit('conversation', { ...conv });
    }
  }

  /** An edited message that is the conversation's last replaces it. */
  noteModified(message: ChatMessage): void {
    const conv = this.convs.get(message.convId);
    if (conv?.lastMessage?.seq === message.seq) {
      conv.lastMessage = message;
      this.emit('conversation', { ...conv });
    }
  }

  /**
   * `msg.deleted`: messages left this user's roaming (delete_c2c_msg_ramble); a deleted last
   * message is dropped from the conversation. Raises `messages-deleted`.
   */
  noteDeleted(data: unknown): void {
    const { convId, seqs } = data as { convId?: unknown; seqs?: unknown };
    if (typeof convId !== 'string' || !Array.isArray(seqs)) return;
    const gone = seqs.filter((s): s is number => Number.isInteger(s));
    const conv = this.convs.get(convId);
    if (conv?.lastMessage && gone.includes(conv.lastMessage.seq)) {
      delete conv.lastMessage;
      this.emit('conversation', { ...conv });
    }
    this.emit('messages-deleted', { convId, seqs: gone });
  }

  remove(convId: string): void {
    if (this.convs.delete(convId)) this.emit('conversation-deleted', convId);
  }

  /** lastSeq − readSeq, or 0 where the server keeps no unread count (T22). */
  private unreadOf(convId: string, lastSeq: number, readSeq: number): number {
    return this.withoutUnread.has(convId) ? 0 : Math.max(0, lastSeq - readSeq);
  }
}

function peerOf(convId: string, me: string | undefined): string {
  try {
    return ConversationIds.parse(convId, me).peer;
  } catch {
    return convId;
  }
}
