import { MessageLimits, utf8Length } from '@im/contracts';
import type { ChatMessage } from '@im/contracts';

/** How much a sync answer carries inline (msg.sync `withMessages`). */
export interface InlineCaps {
  /** Messages per conversation (what the client asked, ≤ syncInlineMaxPerConversation). */
  perConversation: number;
  /** Messages in the whole answer. */
  maxMessages: number;
  /** About this many bytes of messages (JSON) in the whole answer. */
  maxBytes: number;
}

export function inlineCaps(withMessages: number): InlineCaps {
  return {
    perConversation: Math.min(withMessages, MessageLimits.syncInlineMaxPerConversation),
    maxMessages: MessageLimits.syncInlineMaxMessages,
    maxBytes: MessageLimits.syncInlineMaxBytes,
  };
}

/**
 * Which messages a sync answer carries: the conversations in page order, each its newest
 * messages (`newestFirst`, already visible to the user) up to `perConversation`. The first
 * message that would pass `maxMessages` or `maxBytes` stops the inline part for the whole
 * answer (`cut`): a conversation then carries its newest ones only, the later ones none; the
 * client pulls the rest as before. Each conversation's messages come back ascending.
 */
export function pickInline(
  candidates: { convId: string; newestFirst: ChatMessage[] }[],
  caps: InlineCaps,
): { picked: Map<string, ChatMessage[]>; cut: boolean } {
  const picked = new Map<string, ChatMessage[]>();
  let count = 0;
  let bytes = 0;
  for (const { convId, newestFirst } of candidates) {
    const taken: ChatMessage[] = [];
    let cut = false;
    for (const message of newestFirst.slice(0, caps.perConversation)) {
      const size = utf8Length(JSON.stringify(message));
      if (count + 1 > caps.maxMessages || bytes + size > caps.maxBytes) {
        cut = true;
        break;
      }
      count++;
      bytes += size;
      taken.push(message);
    }
    if (taken.length) picked.set(convId, taken.reverse());
    if (cut) return { picked, cut: true };
  }
  return { picked, cut: false };
}
