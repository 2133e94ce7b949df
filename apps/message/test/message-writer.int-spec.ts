/**
 * Group commit on real PostgreSQL (ADR 0004, MessageWriter): what arrives in one event-loop
 * turn is stored in one transaction; a row whose data fails is stored apart and only it
 * fails; concurrent sends into one conversation are committed in seq order, gap-free; a
 * send is answered only after its batch committed.
 */
import { ConversationIds, ErrorCode, MessageRpc, RemoteError } from '@im/contracts';
import type { SendMessageReply } from '@im/contracts';
import { waitFor } from '@im/testing';

import { MessageWriter } from '../src/message-writer.db';
import type { WriteJob, WriteResult } from '../src/message-writer.db';
import { baseMessage } from '../src/outgoing-message.model';
import { ConvTypes, nowSeconds } from '../src/stored-message.model';
import { MessageWorld, rnd, text } from './message.harness';
import type { TestApp } from './message.harness';

jest.setTimeout(120_000);

let world: MessageWorld;

beforeAll(async () => {
  world = await MessageWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

/** Seq and inserting transaction of each stored message of a conversation, by seq. */
async function storedRows(app: TestApp, convId: string): Promise<{ seq: number; xid: number }[]> {
  const { rows } = await world.pg.query<{ seq: string; xid: string }>(
    `SELECT seq, xmin::text AS xid FROM messages WHERE sdk_app_id = $1 AND conv_id = $2
     ORDER BY seq`,
    [app.sdkAppId, convId],
  );
  return rows.map((r) => ({ seq: Number(r.seq), xid: Number(r.xid) }));
}

/** A C2C job from `from` to `to` at `seq`, as C2cSendService builds it. */
function c2cJob(app: TestApp, from: string, to: string, seq: number, body = text(`m${seq}`)) {
  const convId = ConversationIds.c2c(from, to);
  const job: WriteJob = {
    message: {
      ...baseMessage(app.sdkAppId, convId, ConvTypes.C2C, seq),
      fromId: from,
      toId: to,
      msgTime: nowSeconds(),
      random: rnd(),
      clientSeq: seq,
      dedupeKey: `${from}:${seq}`,
      body,
      cloudCustomData: null,
      flags: 0,
    },
    c2c: [
      { userId: from, peer: to, countsUnread: false, isSender: true, movesLast: true },
      { userId: to, peer: from, countsUnread: true, isSender: false, movesLast: true },
    ],
  };
  return job;
}

async function conversation(app: TestApp, userId: string, convId: string) {
  const { rows } = await world.pg.query<{ last_seq: string; unread: number }>(
    'SELECT last_seq, unread FROM conversations WHERE sdk_app_id = $1 AND user_id = $2 AND conv_id = $3',
    [app.sdkAppId, userId, convId],
  );
  return rows[0] && { lastSeq: Number(rows[0].last_seq), unread: rows[0].unread };
}

describe('group commit', () => {
  it('stores the writes of one event-loop turn in one transaction, each answered after it', async () => {
    const app = await world.newApp(['a', 'b']);
    const writer = world.get(MessageWriter);
    const jobs = [1, 2, 3, 4, 5].map((seq) => c2cJob(app, 'a', 'b', seq));

    const results = await Promise.all(jobs.map((job) => writer.write(job)));

    expect(results).toEqual(jobs.map(() => ({})));
    const rows = await storedRows(app, ConversationIds.c2c('a', 'b'));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(rows.map((r) => r.xid)).size).toBe(1);
    expect(await conversation(app, 'b', ConversationIds.c2c('a', 'b'))).toEqual({
      lastSeq: 5,
      unread: 5,
    });
  });

  it('fails only the row whose data PostgreSQL refuses; the rest of its batch is stored', async () => {
    const app = await world.newApp(['a', 'b']);
    const writer = world.get(MessageWriter);
    // jsonb refuses a NUL character (SQLSTATE 22P05): the whole batch's INSERT fails first.
    const bad = c2cJob(app, 'a', 'b', 3, text('nul \u0000 here'));
    const jobs = [
      c2cJob(app, 'a', 'b', 1),
      c2cJob(app, 'a', 'b', 2),
      bad,
      c2cJob(app, 'a', 'b', 4),
    ];

    const settled = await Promise.allSettled(jobs.map((job) => writer.write(job)));

    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ code: '22P05' });
    const rows = await storedRows(app, ConversationIds.c2c('a', 'b'));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 4]);
    expect(await conversation(app, 'b', ConversationIds.c2c('a', 'b'))).toEqual({
      lastSeq: 4,
      unread: 3,
    });
  });

  it('answers a repeat of a stored message in the same batch with the original', async () => {
    const app = await world.newApp(['a', 'b']);
    const writer = world.get(MessageWriter);
    await writer.write(c2cJob(app, 'a', 'b', 1));
    // The same dedupe key again (Redis forgot it) next to a new message.
    const repeat = c2cJob(app, 'a', 'b', 2);
    repeat.message.dedupeKey = 'a:1';

    const [again, fresh]: WriteResult[] = await Promise.all([
      writer.write(repeat),
      writer.write(c2cJob(app, 'a', 'b', 3)),
    ]);

    expect(again.duplicateOf?.seq).toBe(1);
    expect(fresh).toEqual({});
    const rows = await storedRows(app, ConversationIds.c2c('a', 'b'));
    expect(rows.map((r) => r.seq)).toEqual([1, 3]);
    expect(await conversation(app, 'b', ConversationIds.c2c('a', 'b'))).toEqual({
      lastSeq: 3,
      unread: 2,
    });
  });

  it('commits 400 concurrent sends into one conversation gap-free and in seq order', async () => {
    const app = await world.newApp(['a', 'b']);
    const convId = ConversationIds.c2c('a', 'b');

    // As a client does: a send answered busy (60018, refused before it is numbered) is sent
    // again with the same random until it is accepted.
    const send = async (i: number): Promise<SendMessageReply> => {
      const request = { to: i % 2 ? 'b' : 'a', random: rnd(), body: text(`m${i}`) };
      for (;;) {
        try {
          return await app.user(i % 2 ? 'a' : 'b', MessageRpc.SendC2c, request);
        } catch (err) {
          if (!(err instanceof RemoteError) || err.code !== ErrorCode.TooManyRequests) throw err;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const replies = await Promise.all(Array.from({ length: 400 }, (_, i) => send(i)));

    const seqs = replies.map((r) => r.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    const rows = await storedRows(app, convId);
    expect(rows.map((r) => r.seq)).toEqual(seqs);
    // A higher seq is never committed by an earlier transaction than a lower one.
    const outOfOrder = rows.filter((r, i) => i > 0 && r.xid < rows[i - 1].xid);
    expect(outOfOrder).toEqual([]);
    // Batched: fewer transactions than messages.
    expect(new Set(rows.map((r) => r.xid)).size).toBeLessThan(400);
  });

  it('answers a send only after its batch committed', async () => {
    const app = await world.newApp(['a', 'b']);
    const convId = ConversationIds.c2c('a', 'b');
    await app.user('a', MessageRpc.SendC2c, { to: 'b', random: rnd(), body: text('first') });
    // Another transaction holds b's conversation row: the writer's batch waits on it after
    // its INSERT, uncommitted.
    const locker = await world.pg.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(
        'SELECT 1 FROM conversations WHERE sdk_app_id = $1 AND user_id = $2 AND conv_id = $3 FOR UPDATE',
        [app.sdkAppId, 'b', convId],
      );
      let answer: SendMessageReply | undefined;
      const sending = app
        .user('a', MessageRpc.SendC2c, { to: 'b', random: rnd(), body: text('second') })
        .then((reply) => (answer = reply));
      await waitFor(
        async () => {
          const { rows } = await world.pg.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity
             WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO conversations%'`,
          );
          return Number(rows[0].n) > 0;
        },
        { timeoutMs: 30_000, message: 'the writer waiting on the locked row' },
      );

      // Inserted, not committed: nobody sees it, and the sender has no answer.
      expect((await storedRows(app, convId)).map((r) => r.seq)).toEqual([1]);
      expect(answer).toBeUndefined();

      await locker.query('COMMIT');
      await sending;
      expect(answer?.seq).toBe(2);
      expect((await storedRows(app, convId)).map((r) => r.seq)).toEqual([1, 2]);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      locker.release();
    }
  });
});
