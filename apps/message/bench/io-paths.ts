/**
 * The C2C send path's I/O, before and after issue 16, alternated in one run on the same
 * servers (the message service in this process, as in its integration tests): CPU µs per
 * message of this process (the client side: ioredis, pg, drizzle, the service's code), of
 * redis-server and of the PostgreSQL backends, and the wall time. Not a test: nothing is
 * asserted.
 *
 *   npx tsc -b tsconfig.build.json
 *   npx jest -c apps/message/bench/jest.config.js apps/message/bench/io-paths.ts
 *
 * Redis, per message: before — claim (SET NX), seq (script), answer (SET EX), presence of
 * both users (pipelined HGETALLs); after — claim and seq in one script, answer and presence
 * in one script. PostgreSQL, per batch of B messages: before — a drizzle transaction with the
 * SQL built per call; after — MessageWriter (one connection, named prepared statements).
 */
import { readdirSync, readFileSync } from 'node:fs';

import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';

import { ConversationIds, PresenceCacheKeys } from '@im/contracts';
import type { SendMessageReply } from '@im/contracts';
import { PresenceReader } from '@im/platform';

import { DedupeGuard } from '../src/dedupe.guard';
import type { MessageDb } from '../src/message.db';
import { messageSchema } from '../src/message.schema';
import { c2cChanges, MessageWriter } from '../src/message-writer.db';
import type { WriteJob } from '../src/message-writer.db';
import { baseMessage } from '../src/outgoing-message.model';
import { SeqAllocator } from '../src/seq-allocator.store';
import { MessageCacheKeys } from '../src/message.cache-keys';
import { ConvTypes, nowSeconds } from '../src/stored-message.model';
import { MessageWorld, text } from '../test/message.harness';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WIDTH = 100;

/** CPU seconds of a process (Linux /proc), utime + stime. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds of PostgreSQL: the postmaster with its ended backends (cutime, cstime) and its
 * live backends.
 */
function postgresCpu(postmaster: number): number {
  const own = readFileSync(`/proc/${postmaster}/stat`, 'utf8').split(') ')[1].split(' ');
  let sum = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) / 100;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[1]) === postmaster) sum += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // ended meanwhile (its time is in the postmaster's cutime now)
    }
  }
  return sum;
}

async function measure(
  label: string,
  count: number,
  pids: { redis: number; postgres: number },
  work: () => Promise<void>,
): Promise<string> {
  const self = process.cpuUsage();
  const redis = cpuOf(pids.redis);
  const pg = postgresCpu(pids.postgres);
  const started = process.hrtime.bigint();
  await work();
  const wall = Number(process.hrtime.bigint() - started) / 1e3;
  const used = process.cpuUsage(self);
  const us = (v: number) => (v / count).toFixed(1).padStart(6);
  return (
    `${label.padEnd(34)} this process ${us(used.user + used.system)} µs/msg, redis-server ` +
    `${us((cpuOf(pids.redis) - redis) * 1e6)}, postgres ` +
    `${us((postgresCpu(pids.postgres) - pg) * 1e6)}, wall ${us(wall)}`
  );
}

async function inWindow(total: number, width: number, work: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < total) await work(next++);
    }),
  );
}

/** The writer's transaction as it was before issue 16 (drizzle, SQL built per call). */
async function oldCommit(db: MessageDb, jobs: WriteJob[]): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = jobs.map(({ message: m }) => ({
      a: m.sdkAppId,
      c: m.convId,
      s: m.seq,
      t: m.convType,
      f: m.fromId,
      o: m.toId,
      mt: m.msgTime,
      sa: m.storedAt,
      r: m.random,
      cs: m.clientSeq,
      dk: m.dedupeKey,
      b: m.body,
      cc: m.cloudCustomData,
      x: m.extra,
      fl: m.flags,
      h: m.hiddenFrom,
      e: m.expiresAt,
    }));
    await tx.execute(sql`
      INSERT INTO messages (sdk_app_id, conv_id, seq, day, conv_type, from_id, to_id, msg_time,
        stored_at, random, client_seq, dedupe_key, body, cloud_custom_data, extra, flags,
        hidden_from, expires_at)
      SELECT a, c, s, (now() AT TIME ZONE 'UTC')::date, t, f, o, mt, sa, r, cs, dk, b, cc, x, fl, h, e
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS u(a bigint, c text, s bigint, t smallint, f text, o text, mt bigint, sa bigint,
          r bigint, cs bigint, dk text, b jsonb, cc text, x jsonb, fl int, h text, e bigint)
      ON CONFLICT DO NOTHING
      RETURNING sdk_app_id, conv_id, seq`);
    const changes = c2cChanges(jobs);
    const col = <T>(pick: (c: (typeof changes)[number]) => T) => sql.param(changes.map(pick));
    await tx.execute(sql`
      INSERT INTO conversations AS c (sdk_app_id, user_id, conv_id, conv_type, peer, last_seq,
        last_msg_seq, last_time, unread, read_seq, version)
      SELECT a, u, cv, ${ConvTypes.C2C}, p, ls, lm, lt, CASE WHEN rt >= ls THEN 0 ELSE ua END, rt,
        (extract(epoch from clock_timestamp()) * 1000000)::bigint
      FROM unnest(${col((c) => c.sdkAppId)}::bigint[], ${col((c) => c.userId)}::text[],
        ${col((c) => c.convId)}::text[], ${col((c) => c.peer)}::text[],
        ${col((c) => c.lastSeq)}::bigint[], ${col((c) => c.lastMsgSeq)}::bigint[],
        ${col((c) => c.lastTime)}::bigint[], ${col((c) => c.unreadAdd)}::int[],
        ${col((c) => c.readTo)}::bigint[]) AS v(a, u, cv, p, ls, lm, lt, ua, rt)
      ON CONFLICT (sdk_app_id, user_id, conv_id) DO UPDATE SET
        last_seq = GREATEST(c.last_seq, excluded.last_seq),
        unread = c.unread + excluded.unread,
        read_seq = GREATEST(c.read_seq, excluded.read_seq),
        version = excluded.version`);
  });
}

/** Lines of the report, printed as they come (a long run shows its progress). */
class Report {
  readonly lines: string[] = [];
  push(line: string): void {
    this.lines.push(line);
    process.stdout.write(`[io] ${line}\n`);
  }
}

async function run(): Promise<string[]> {
  const world = await MessageWorld.start({ tuning: { presenceCacheMs: 1 } });
  const lines = new Report();
  try {
    const pids = { redis: world.servers.redis.pid, postgres: world.servers.postgres.pid };
    const app = await world.newApp(['a', 'b']);
    const seqs = world.get(SeqAllocator);
    const dedupe = world.get(DedupeGuard);
    const presence = world.get(PresenceReader);
    const writer = world.get(MessageWriter);
    const db: MessageDb = drizzle(world.pg, { schema: messageSchema });
    const users = Array.from({ length: 200 }, (_, i) => `u${i}`);
    // Half the users online: their presence hashes hold a session.
    for (const user of users.slice(0, 100))
      await world.redis.hset(
        PresenceCacheKeys.sessions(app.sdkAppId, user),
        `${user}-c`,
        JSON.stringify({ connId: `${user}-c`, nodeId: 'n1', status: 'Online', expiresAt: 9e12 }),
      );
    let key = 0;
    const pair = (i: number) => [users[i % 200], users[(i * 7 + 13) % 200]] as const;
    const reply = (convId: string, seq: number): SendMessageReply => ({
      convId,
      seq,
      time: 1,
      msgKey: `${seq}_1_1`,
      isDuplicate: false,
    });

    const redisBefore = () =>
      inWindow(MESSAGES, WIDTH, async (i) => {
        const [from, to] = pair(i);
        const convId = ConversationIds.c2c(from, to);
        const dk = `${from}:${key++}`;
        const claimKey = MessageCacheKeys.dedupe(app.sdkAppId, convId, dk);
        await world.redis.set(claimKey, 'pending', 'PX', 5000, 'NX');
        const seq = await seqs.allocate(app.sdkAppId, convId);
        await world.redis.set(claimKey, JSON.stringify(reply(convId, seq)), 'EX', 600);
        await presence.recorded([
          [app.sdkAppId, to],
          [app.sdkAppId, from],
        ]);
      });
    const redisAfter = () =>
      inWindow(MESSAGES, WIDTH, async (i) => {
        const [from, to] = pair(i);
        const convId = ConversationIds.c2c(from, to);
        const dk = `${from}:${key++}`;
        const claim = await dedupe.claim(app.sdkAppId, convId, dk, true);
        const seq = (claim.first && claim.seq) || (await seqs.allocate(app.sdkAppId, convId));
        await dedupe.settle(app.sdkAppId, convId, dk, reply(convId, seq), [
          [app.sdkAppId, to],
          [app.sdkAppId, from],
        ]);
      });

    let seq = 0;
    const jobs = (n: number): WriteJob[] =>
      Array.from({ length: n }, (_, i) => {
        const [from, to] = pair(i);
        const convId = ConversationIds.c2c(from, to);
        seq++;
        return {
          message: {
            ...baseMessage(app.sdkAppId, convId, ConvTypes.C2C, seq),
            fromId: from,
            toId: to,
            msgTime: nowSeconds(),
            random: seq,
            clientSeq: seq,
            dedupeKey: `${from}:w${seq}`,
            body: text('hello there'),
            cloudCustomData: null,
            flags: 0,
          },
          c2c: [
            { userId: from, peer: to, countsUnread: false, isSender: true, movesLast: true },
            { userId: to, peer: from, countsUnread: true, isSender: false, movesLast: true },
          ],
        };
      });
    const pgBefore = async (batch: number) => {
      for (let done = 0; done < MESSAGES; done += batch) await oldCommit(db, jobs(batch));
    };
    const pgAfter = async (batch: number) => {
      for (let done = 0; done < MESSAGES; done += batch)
        await Promise.all(jobs(batch).map((job) => writer.write(job)));
    };

    // Warm-up (JIT, prepared statements, partitions, counters).
    await redisBefore();
    await redisAfter();
    await pgBefore(20);
    await pgAfter(20);
    for (let round = 1; round <= ROUNDS; round++) {
      lines.push(`round ${round}, ${MESSAGES} messages each`);
      lines.push(await measure('redis before (4-5 commands)', MESSAGES, pids, redisBefore));
      lines.push(await measure('redis after (2 scripts)', MESSAGES, pids, redisAfter));
      for (const batch of [1, 20, 200]) {
        lines.push(
          await measure(`pg before, batches of ${batch}`, MESSAGES, pids, () => pgBefore(batch)),
        );
        lines.push(
          await measure(`pg after, batches of ${batch}`, MESSAGES, pids, () => pgAfter(batch)),
        );
      }
    }
  } finally {
    await world.stop();
  }
  return lines.lines;
}

describe('C2C send path I/O, before and after', () => {
  it('prints CPU per message', async () => {
    const lines = await run();
    expect(lines.length).toBeGreaterThan(0);
  }, 1_800_000);
});
