import type { ChatMessage, PullReply } from '@im/contracts';
import { waitFor } from '@im/testing';

import { ConversationStream, ConversationStreamOptions } from './conversation-stream';
import { ImError, SdkErrorCodes } from './im-error';

const CONV = 'c2c:3:bob:alice';

function makeMessage(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    convId: CONV,
    type: 'C2C',
    seq,
    time: 1_700_000_000 + seq,
    random: seq,
    msgKey: `${seq}`,
    from: 'alice',
    to: 'bob',
    body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `m${seq}` } }],
    ...overrides,
  };
}

/** What the server holds; pulls answer from it with the protocol's nextSeq rule. */
class ScriptedServer {
  readonly stored = new Map<number, ChatMessage>();
  lastSeq = 0;
  pulls: { fromSeq: number; limit: number }[] = [];
  /** Allocated, not stored yet. */
  readonly inFlight = new Set<number>();
  refuseWith?: number;
  failWith?: number;
  /** The next this many pulls get "the service did not answer, retry" (60008). */
  busyTimes = 0;

  store(...seqs: number[]): void {
    for (const seq of seqs) {
      this.stored.set(seq, makeMessage(seq));
      this.lastSeq = Math.max(this.lastSeq, seq);
    }
  }

  pull = (_convId: string, fromSeq: number, limit: number): Promise<PullReply> => {
    this.pulls.push({ fromSeq, limit });
    if (this.busyTimes > 0) {
      this.busyTimes--;
      return Promise.reject(new ImError(60008, 'the service did not answer, retry'));
    }
    if (this.refuseWith) return Promise.reject(new ImError(this.refuseWith, 'refused'));
    if (this.failWith) return Promise.reject(new ImError(this.failWith, 'transport'));
    // As the message service: `seq >= fromSeq` in order; a number being stored stops the page
    // with retryAfterMs; other numbers without a message are passed over by nextSeq.
    const messages: ChatMessage[] = [];
    let nextSeq = fromSeq;
    for (const m of [...this.stored.values()].sort((a, b) => a.seq - b.seq)) {
      if (m.seq < fromSeq) continue;
      for (let s = nextSeq; s < m.seq; s++)
        if (this.inFlight.has(s))
          return Promise.resolve({ messages, nextSeq: s, isComplete: false, retryAfterMs: 5 });
      if (messages.length === limit) break;
      messages.push(m);
      nextSeq = m.seq + 1;
    }
    return Promise.resolve({ messages, nextSeq, isComplete: messages.length < limit });
  };
}

describe(ConversationStream.name, () => {
  let server: ScriptedServer;
  let delivered: number[];
  let own: Set<number>;
  let sut: ConversationStream;
  const options: ConversationStreamOptions = {
    pullLimit: 100,
    holeRetryDelaysMs: [5, 5, 5],
    lateWindow: 100,
    busyRetryDelaysMs: [5, 5],
  };

  beforeEach(() => {
    server = new ScriptedServer();
    delivered = [];
    own = new Set();
    sut = new ConversationStream(
      CONV,
      {
        pull: (convId, fromSeq, limit) => server.pull(convId, fromSeq, limit),
        deliver: (m) => delivered.push(m.seq),
        isOwn: (m) => own.has(m.seq),
        settled: () => Promise.resolve(),
      },
      options,
    );
  });

  it('delivers in seq order and drops duplicates', () => {
    sut.setBaseline(0);

    for (const seq of [1, 2, 2, 3, 1]) sut.offer(makeMessage(seq));

    expect(delivered).toEqual([1, 2, 3]);
    expect(sut.position).toBe(3);
  });

  it('pulls the hole before a message that came early, then delivers both in order', async () => {
    sut.setBaseline(0);
    server.store(1, 2, 3);

    sut.offer(makeMessage(3));
    await waitFor(() => delivered.length === 3);

    expect(delivered).toEqual([1, 2, 3]);
    expect(server.pulls).toEqual([{ fromSeq: 1, limit: 2 }]);
    sut.offer(makeMessage(1));
    sut.offer(makeMessage(2));
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('keeps messages until the baseline is known and drops those at or below it', () => {
    sut.offer(makeMessage(5));
    sut.offer(makeMessage(6));
    expect(delivered).toEqual([]);

    sut.setBaseline(5);

    expect(delivered).toEqual([6]);
  });

  it('does not deliver its own messages but counts them in the order', () => {
    sut.setBaseline(0);
    own.add(2);

    sut.offer(makeMessage(1));
    sut.offer(makeMessage(2), true);
    sut.offer(makeMessage(3));

    expect(delivered).toEqual([1, 3]);
    expect(sut.position).toBe(3);
  });

  it('pulls up to the last seq a sync reported, in pages', async () => {
    sut.setBaseline(0);
    server.store(...Array.from({ length: 250 }, (_, i) => i + 1));

    sut.noteLastSeq(250);
    await waitFor(() => delivered.length === 250);

    expect(delivered).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(server.pulls.map((p) => p.fromSeq)).toEqual([1, 101, 201]);
  });

  it('passes over numbers the server says have no message', async () => {
    sut.setBaseline(0);
    server.store(1, 7);
    const pull = server.pull;
    // Seqs 2..6 were skipped (a Redis restart): the server says so with nextSeq.
    server.pull = async (convId, fromSeq, limit) => {
      const reply = await pull(convId, fromSeq, limit);
      return fromSeq <= 6 && reply.messages.length === 0 ? { ...reply, nextSeq: 7 } : reply;
    };

    sut.offer(makeMessage(1));
    sut.offer(makeMessage(7));
    sut.offer(makeMessage(8));
    await waitFor(() => delivered.length === 3);

    expect(delivered).toEqual([1, 7, 8]);
  });

  it('asks again for a number the server says is being stored, and delivers it in order', async () => {
    sut.setBaseline(0);
    server.store(1, 3);
    server.inFlight.add(2);
    const pull = server.pull;
    let attempts = 0;
    server.pull = (convId, fromSeq, limit) => {
      if (fromSeq === 2 && ++attempts === 3) {
        server.inFlight.delete(2);
        server.store(2);
      }
      return pull(convId, fromSeq, limit);
    };

    sut.offer(makeMessage(1));
    sut.offer(makeMessage(3));
    await waitFor(() => delivered.length === 3);

    expect(delivered).toEqual([1, 2, 3]);
  });

  it('stops waiting as soon as the push of the awaited number arrives', async () => {
    sut.setBaseline(0);
    server.store(1, 3);
    server.inFlight.add(2);
    sut.offer(makeMessage(1));
    sut.offer(makeMessage(3));
    await waitFor(() => server.pulls.length === 1);

    sut.offer(makeMessage(2));

    expect(delivered).toEqual([1, 2, 3]);
    await sut.idle();
    expect(server.pulls).toHaveLength(1);
  });

  it('passes over a number the server skips, and still delivers it once if it comes late', async () => {
    sut.setBaseline(0);
    server.store(1, 3);

    sut.offer(makeMessage(1));
    sut.offer(makeMessage(3));
    await waitFor(() => delivered.length === 2);
    expect(delivered).toEqual([1, 3]);

    sut.offer(makeMessage(2));
    sut.offer(makeMessage(2));
    expect(delivered).toEqual([1, 3, 2]);
  });

  it('passes over a hole it may not pull (a platform code) instead of waiting forever', async () => {
    sut.setBaseline(0);
    server.refuseWith = 70002;

    sut.offer(makeMessage(1));
    sut.offer(makeMessage(4));
    await waitFor(() => delivered.length === 2);

    expect(delivered).toEqual([1, 4]);
    expect(server.pulls).toHaveLength(1);
  });

  it('asks again when the platform was too busy to answer a pull, and never passes the hole over', async () => {
    sut.setBaseline(0);
    server.store(1, 2, 3);
    server.busyTimes = 2;

    sut.offer(makeMessage(3));
    await waitFor(() => delivered.length === 3);

    expect(delivered).toEqual([1, 2, 3]);
    expect(server.pulls).toHaveLength(3);
  });

  it('keeps the hole when the platform stays busy, and fills it on resume', async () => {
    sut.setBaseline(0);
    server.store(1, 2, 3);
    server.busyTimes = 3; // the first try and both busy retries

    sut.offer(makeMessage(3));
    await waitFor(() => server.pulls.length === 3);
    await sut.idle();
    expect(delivered).toEqual([]);

    sut.resume();
    await waitFor(() => delivered.length === 3);
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('stops on a lost connection and fills the hole on resume', async () => {
    sut.setBaseline(0);
    server.store(1, 2, 3);
    server.failWith = SdkErrorCodes.Disconnected;

    sut.offer(makeMessage(3));
    await waitFor(() => server.pulls.length === 1);
    await sut.idle();
    expect(delivered).toEqual([]);

    server.failWith = undefined;
    sut.resume();
    await waitFor(() => delivered.length === 3);
    expect(delivered).toEqual([1, 2, 3]);
  });
});
