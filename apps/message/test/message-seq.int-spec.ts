/**
 * Sequences and de-duplication on real servers (ADR 0004): gap-free seqs under concurrency,
 * a Redis restart mid-stream that skips numbers but never reuses one (and pulls passing over
 * the hole), and a retried send stored once with the first answer.
 */
import { ConversationIds, MessageRpc } from '@im/contracts';
import type { SendMessageReply } from '@im/contracts';
import { RemoteError } from '@im/contracts';
import { waitFor } from '@im/testing';

import { codeOf, MessageWorld, rnd, text } from './message.harness';
import type { TestApp } from './message.harness';

jest.setTimeout(120_000);

let world: MessageWorld;

beforeAll(async () => {
  world = await MessageWorld.start({ tuning: { seqBlock: 50 } });
});

afterAll(async () => {
  await world?.stop();
});

/** The seqs stored for a conversation, in order. */
async function storedSeqs(app: TestApp, convId: string): Promise<number[]> {
  const { rows } = await world.pg.query<{ seq: string }>(
    'SELECT seq FROM messages WHERE sdk_app_id = $1 AND conv_id = $2 ORDER BY seq',
    [app.sdkAppId, convId],
  );
  return rows.map((r) => Number(r.seq));
}

/** Runs `work` on every item with at most `width` in flight; results in item order. */
async function inParallel<T, R>(
  items: T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('seq allocation', () => {
  it('gives 2,000 concurrent sends from 20 senders into one group the seqs 1..2000 exactly once', async () => {
    const senders = range(1, 20).map((i) => `u${i}`);
    const app = await world.newApp(senders);
    world.fakes.addGroup(
      app.sdkAppId,
      'hot',
      'Public',
      Object.fromEntries(senders.map((u) => [u, {}])),
    );

    // Every sender keeps up to 10 sends in flight (a client's window), 200 in all.
    const replies = await inParallel(range(1, 2000), 200, (i) =>
      app.user(senders[i % senders.length], MessageRpc.SendGroup, {
        groupId: 'hot',
        random: i,
        body: text(`m${i}`),
      }),
    );

    expect(replies.map((r) => r.seq).sort((a, b) => a - b)).toEqual(range(1, 2000));
    expect(await storedSeqs(app, ConversationIds.group('hot'))).toEqual(range(1, 2000));
  });

  it('gives concurrent C2C sends of both users one seq line without holes', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const replies = await Promise.all(
      range(1, 300).map((i) =>
        app.user(i % 2 ? 'alice' : 'bob', MessageRpc.SendC2c, {
          to: i % 2 ? 'bob' : 'alice',
          random: i,
          body: text(`m${i}`),
        }),
      ),
    );

    expect(new Set(replies.map((r) => r.convId))).toEqual(
      new Set([ConversationIds.c2c('alice', 'bob')]),
    );
    expect(replies.map((r) => r.seq).sort((a, b) => a - b)).toEqual(range(1, 300));
  });

  it('never reuses a seq when Redis restarts mid-stream, and pulls pass over the skipped ones', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const convId = ConversationIds.c2c('alice', 'bob');
    /** Sends until it gets an answer (a retry keeps its random: stored once). */
    const send = async (i: number): Promise<SendMessageReply> => {
      for (;;) {
        try {
          return await app.user('alice', MessageRpc.SendC2c, {
            to: 'bob',
            random: 10_000 + i,
            body: text(`m${i}`),
          });
        } catch (err) {
          if (!(err instanceof RemoteError)) throw err;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const replies: SendMessageReply[] = [];
    const stream = (async () => {
      for (let i = 0; i < 400; i += 10)
        replies.push(...(await Promise.all(range(i, i + 9).map(send))));
    })();
    // mid-stream: once some sends have been answered
    await waitFor(() => replies.length >= 50, { timeoutMs: 30_000, message: 'first sends' });
    await world.restartRedis();
    await stream;

    const seqs = replies.map((r) => r.seq);
    const stored = await storedSeqs(app, convId);
    expect(new Set(seqs).size).toBe(400);
    expect(stored).toEqual([...seqs].sort((a, b) => a - b));
    expect(stored[stored.length - 1]).toBeGreaterThan(400);
    const { rows } = await world.pg.query<{ n: string }>(
      'SELECT count(DISTINCT random) AS n FROM messages WHERE sdk_app_id = $1 AND conv_id = $2',
      [app.sdkAppId, convId],
    );
    expect(Number(rows[0].n)).toBe(400);

    // Once the grace period is over the hole is final: pulls page through it.
    const pullAll = async () => {
      const seqsPulled: number[] = [];
      let next = 1;
      for (let page = 0; page < 20; page++) {
        const reply = await app.user('bob', MessageRpc.Pull, { convId, fromSeq: next, limit: 100 });
        seqsPulled.push(...reply.messages.map((m) => m.seq));
        next = reply.nextSeq;
        if (reply.isComplete) break;
      }
      return { seqsPulled, next };
    };
    const { seqsPulled: pulled, next: fromSeq } = await waitFor(
      async () => {
        const result = await pullAll();
        return result.next === stored[stored.length - 1] + 1 ? result : null;
      },
      { timeoutMs: 10_000, message: 'pulls to page through the hole' },
    );
    expect(pulled).toEqual(stored);
    expect(fromSeq).toBe(stored[stored.length - 1] + 1);
  });

  it('stops a pull before a hole a moment old and says when to come back', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const convId = ConversationIds.c2c('alice', 'bob');
    await app.user('alice', MessageRpc.SendC2c, { to: 'bob', random: 1, body: text('one') });
    // A number taken but never stored (as if its sender crashed): the next message is seq 3.
    await world.redis.hincrby(`message:${app.sdkAppId}:seq:${convId}`, 'cur', 1);
    await app.user('alice', MessageRpc.SendC2c, { to: 'bob', random: 3, body: text('three') });

    const early = await app.user('bob', MessageRpc.Pull, { convId, fromSeq: 1 });
    expect(early.messages.map((m) => m.seq)).toEqual([1]);
    expect(early).toMatchObject({ nextSeq: 2, isComplete: false });
    expect(early.retryAfterMs).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, early.retryAfterMs! + 50));
    const later = await app.user('bob', MessageRpc.Pull, { convId, fromSeq: 2 });
    expect(later.messages.map((m) => m.seq)).toEqual([3]);
    expect(later).toMatchObject({ nextSeq: 4, isComplete: true });
  });
});

describe('de-duplication', () => {
  it('stores a repeated (sender, random) once and answers the first reply', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const req = { to: 'bob', random: 777, body: text('hello') };

    const first = await app.user('alice', MessageRpc.SendC2c, req);
    const again = await app.user('alice', MessageRpc.SendC2c, req);

    expect(again).toEqual({ ...first, isDuplicate: true });
    expect(first.isDuplicate).toBe(false);
    expect(await storedSeqs(app, first.convId)).toEqual([first.seq]);
  });

  it('answers concurrent repeats with the one stored message', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const replies = await Promise.all(
      range(1, 10).map(() =>
        app.user('alice', MessageRpc.SendC2c, { to: 'bob', random: 4242, body: text('x') }),
      ),
    );

    expect(new Set(replies.map((r) => r.seq)).size).toBe(1);
    expect(replies.filter((r) => !r.isDuplicate)).toHaveLength(1);
    expect(await storedSeqs(app, replies[0].convId)).toHaveLength(1);
  });

  it('catches a repeat that Redis forgot with the database index', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const first = await app.user('alice', MessageRpc.SendC2c, {
      to: 'bob',
      random: 99,
      body: text('a'),
    });
    const keys = await world.redis.keys(`message:${app.sdkAppId}:dedupe:*`);
    await world.redis.del(...keys);

    const again = await app.user('alice', MessageRpc.SendC2c, {
      to: 'bob',
      random: 99,
      body: text('a'),
    });

    expect(again).toMatchObject({
      seq: first.seq,
      time: first.time,
      msgKey: first.msgKey,
      isDuplicate: true,
    });
    expect(await storedSeqs(app, first.convId)).toEqual([first.seq]);
  });

  it('keeps the same random of different senders apart', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const a = await app.user('alice', MessageRpc.SendC2c, {
      to: 'bob',
      random: 5,
      body: text('a'),
    });
    const b = await app.user('bob', MessageRpc.SendC2c, {
      to: 'alice',
      random: 5,
      body: text('b'),
    });

    expect(b.isDuplicate).toBe(false);
    expect(b.seq).toBe(a.seq + 1);
  });

  it('refuses a user sending as someone else', async () => {
    const app = await world.newApp(['alice', 'bob']);
    expect(
      await codeOf(
        app.user('alice', MessageRpc.SendC2c, {
          from: 'bob',
          to: 'alice',
          random: rnd(),
          body: text('x'),
        }),
      ),
    ).toBe(20001);
  });
});
