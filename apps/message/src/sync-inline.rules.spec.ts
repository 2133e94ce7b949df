import { MessageLimits, utf8Length } from '@im/contracts';
import type { ChatMessage } from '@im/contracts';

import { inlineCaps, pickInline } from './sync-inline.rules';

const msg = (convId: string, seq: number, text = 'x'): ChatMessage => ({
  convId,
  type: 'C2C',
  seq,
  time: 1_700_000_000 + seq,
  random: seq,
  msgKey: `${seq}`,
  from: 'alice',
  to: 'bob',
  body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
});
/** seqs from..to of a conversation, newest first (as the service reads them). */
const newest = (convId: string, from: number, to: number, text?: string) =>
  Array.from({ length: to - from + 1 }, (_, i) => msg(convId, to - i, text));
const seqs = (picked: Map<string, ChatMessage[]>) =>
  Object.fromEntries([...picked].map(([convId, list]) => [convId, list.map((m) => m.seq)]));

describe(pickInline.name, () => {
  const roomy = { perConversation: 20, maxMessages: 500, maxBytes: 1 << 20 };

  it('answers every conversation its newest messages, ascending, uncut under the caps', () => {
    const { picked, cut } = pickInline(
      [
        { convId: 'a', newestFirst: newest('a', 3, 7) },
        { convId: 'b', newestFirst: newest('b', 1, 2) },
      ],
      roomy,
    );
    expect(seqs(picked)).toEqual({ a: [3, 4, 5, 6, 7], b: [1, 2] });
    expect(cut).toBe(false);
  });

  it('keeps the newest ones of a conversation beyond the per-conversation count, without a cut', () => {
    const { picked, cut } = pickInline([{ convId: 'a', newestFirst: newest('a', 1, 30) }], {
      ...roomy,
      perConversation: 5,
    });
    expect(seqs(picked)).toEqual({ a: [26, 27, 28, 29, 30] });
    expect(cut).toBe(false);
  });

  it('stops at the answer’s message cap: the conversation reaching it keeps its newest, later ones none', () => {
    const { picked, cut } = pickInline(
      [
        { convId: 'a', newestFirst: newest('a', 1, 4) },
        { convId: 'b', newestFirst: newest('b', 1, 4) },
        { convId: 'c', newestFirst: newest('c', 1, 1) },
      ],
      { ...roomy, maxMessages: 6 },
    );
    expect(seqs(picked)).toEqual({ a: [1, 2, 3, 4], b: [3, 4] });
    expect(cut).toBe(true);
  });

  it('stops at the answer’s byte cap', () => {
    const one = utf8Length(JSON.stringify(msg('a', 1, 'y'.repeat(1000))));
    const { picked, cut } = pickInline(
      [
        { convId: 'a', newestFirst: newest('a', 1, 2, 'y'.repeat(1000)) },
        { convId: 'b', newestFirst: newest('b', 1, 2, 'y'.repeat(1000)) },
      ],
      { ...roomy, maxBytes: 3 * one + 10 },
    );
    expect(seqs(picked)).toEqual({ a: [1, 2], b: [2] });
    expect(cut).toBe(true);
  });

  it('answers nothing inline when even the first message passes the byte cap', () => {
    const { picked, cut } = pickInline([{ convId: 'a', newestFirst: newest('a', 1, 1) }], {
      ...roomy,
      maxBytes: 10,
    });
    expect(picked.size).toBe(0);
    expect(cut).toBe(true);
  });

  it('bounds what a client asks by the contract’s limits', () => {
    expect(inlineCaps(1000)).toEqual({
      perConversation: MessageLimits.syncInlineMaxPerConversation,
      maxMessages: MessageLimits.syncInlineMaxMessages,
      maxBytes: MessageLimits.syncInlineMaxBytes,
    });
    expect(inlineCaps(7).perConversation).toBe(7);
  });
});
