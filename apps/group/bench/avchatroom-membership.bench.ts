/**
 * AVChatRoom membership at scale: fills one live room to 100,000 viewers through the group
 * service over NATS (as conn-gateway would send client joins), then measures join and leave
 * latency of further viewers against an empty room, and what reads cost at that size.
 *
 *   npx tsc -b tsconfig.build.json && npx jest -c apps/group/bench/jest.config.js
 *
 * Environment: GROUP_BENCH_MEMBERS (default 100000), GROUP_BENCH_CONCURRENCY (default 64),
 * GROUP_BENCH_SAMPLES (default 2000).
 */
import { GroupRpc } from '@im/contracts';

import { GroupCacheKeys } from '../src/group.cache-keys';
import { GroupWorld } from '../test/group.harness';
import type { TestApp } from '../test/group.harness';

const MEMBERS = Number(process.env.GROUP_BENCH_MEMBERS ?? 100_000);
const CONCURRENCY = Number(process.env.GROUP_BENCH_CONCURRENCY ?? 64);
const SAMPLES = Number(process.env.GROUP_BENCH_SAMPLES ?? 2000);

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function stats(ms: number[]): Stats {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

const f = (x: number) => x.toFixed(2).padStart(8);
function line(label: string, s: Stats): string {
  return `${label.padEnd(44)} n=${String(s.n).padStart(6)}  p50 ${f(s.p50)}  p95 ${f(s.p95)}  p99 ${f(s.p99)}  max ${f(s.max)}  mean ${f(s.mean)} ms`;
}

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await work();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

/** Runs `count` operations with `concurrency` in flight; returns each one's latency. */
async function run(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = new Array<number>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) latencies[i] = (await timed(() => op(i)))[1];
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return latencies;
}

const join = (t: TestApp, groupId: string, userId: string) =>
  t.user(userId, GroupRpc.ApplyJoin, { groupId });
const leave = (t: TestApp, groupId: string, userId: string) =>
  t.user(userId, GroupRpc.Quit, { groupId });

describe('AVChatRoom membership benchmark', () => {
  let world: GroupWorld;

  beforeAll(async () => {
    world = await GroupWorld.start();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it(`joins and leaves around ${MEMBERS} viewers`, async () => {
    const t = await world.newApp({ avChatRoomEnabled: true }, ['host']);
    const empty = await t.createGroup({ type: 'AVChatRoom', ownerId: 'host', name: 'empty' });
    const big = await t.createGroup({ type: 'AVChatRoom', ownerId: 'host', name: 'big' });
    out(
      `\nAVChatRoom membership, ${MEMBERS} viewers, concurrency ${CONCURRENCY}, ${SAMPLES} samples`,
    );
    out(`(node ${process.version}; group service in-process; NATS, Redis, PostgreSQL local)\n`);

    // Warm-up (JIT, pools, caches).
    await run(500, CONCURRENCY, (i) => join(t, empty, `warm${i}`));
    await run(500, CONCURRENCY, (i) => leave(t, empty, `warm${i}`));

    const chunk = Math.max(1, Math.floor(MEMBERS / 10));
    const fillStart = Date.now();
    const buckets: Stats[] = [];
    for (let from = 0; from < MEMBERS; from += chunk) {
      const n = Math.min(chunk, MEMBERS - from);
      buckets.push(stats(await run(n, CONCURRENCY, (i) => join(t, big, `v${from + i}`))));
    }
    const fillSeconds = (Date.now() - fillStart) / 1000;
    const size = await world.redis.zcard(GroupCacheKeys.roomMembers(t.sdkAppId, big));
    expect(size).toBe(MEMBERS + 1);

    // Empty and full room measured alternately, so both see the same machine load.
    const emptyJoin: number[] = [];
    const bigJoin: number[] = [];
    const emptyLeave: number[] = [];
    const bigLeave: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      emptyJoin.push((await timed(() => join(t, empty, `e${i}`)))[1]);
      bigJoin.push((await timed(() => join(t, big, `x${i}`)))[1]);
    }
    for (let i = 0; i < SAMPLES; i++) {
      emptyLeave.push((await timed(() => leave(t, empty, `e${i}`)))[1]);
      bigLeave.push((await timed(() => leave(t, big, `x${i}`)))[1]);
    }
    const bigJoinConcurrent = await run(SAMPLES, CONCURRENCY, (i) => join(t, big, `y${i}`));
    const bigLeaveConcurrent = await run(SAMPLES, CONCURRENCY, (i) => leave(t, big, `y${i}`));
    const emptyJoinConcurrent = await run(SAMPLES, CONCURRENCY, (i) => join(t, empty, `z${i}`));
    const emptyLeaveConcurrent = await run(SAMPLES, CONCURRENCY, (i) => leave(t, empty, `z${i}`));

    // The store alone: the sorted-set writes a join and a leave make, on each room.
    const redisAt = async (groupId: string, prefix: string): Promise<[number[], number[]]> => {
      const key = GroupCacheKeys.roomMembers(t.sdkAppId, groupId);
      const adds: number[] = [];
      const removes: number[] = [];
      for (let i = 0; i < SAMPLES; i++)
        adds.push((await timed(() => world.redis.zadd(key, 'NX', Date.now(), `${prefix}${i}`)))[1]);
      for (let i = 0; i < SAMPLES; i++)
        removes.push((await timed(() => world.redis.zrem(key, `${prefix}${i}`)))[1]);
      return [adds, removes];
    };
    const [emptyAdd, emptyRem] = await redisAt(empty, 'r');
    const [bigAdd, bigRem] = await redisAt(big, 'r');

    const [info, infoMs] = await timed(() => t.admin(GroupRpc.GetInfo, { groupIds: [big] }));
    const [list, listMs] = await timed(() => t.admin(GroupRpc.GetMembers, { groupId: big }));
    const [online, onlineMs] = await timed(() =>
      t.admin(GroupRpc.GetOnlineCount, { groupId: big }),
    );
    const memory = Number(
      await world.redis.memory('USAGE', GroupCacheKeys.roomMembers(t.sdkAppId, big), 'SAMPLES', 0),
    );
    const [, destroyMs] = await timed(() => t.admin(GroupRpc.Destroy, { groupId: big }));

    out(
      'One request over NATS (client → group service → Redis, PostgreSQL → reply), one at a time,',
    );
    out('empty room and full room alternately:');
    out(line('join, empty room', stats(emptyJoin)));
    out(line(`join, room of ${size}`, stats(bigJoin)));
    out(line('leave, empty room', stats(emptyLeave)));
    out(line(`leave, room of ${size}`, stats(bigLeave)));
    out(`\nWith ${CONCURRENCY} in flight (one Node process serves and asks):`);
    out(line(`join, room of ${size}`, stats(bigJoinConcurrent)));
    out(line(`leave, room of ${size}`, stats(bigLeaveConcurrent)));
    out(line('join, empty room', stats(emptyJoinConcurrent)));
    out(line('leave, empty room', stats(emptyLeaveConcurrent)));
    out('\nThe Redis writes alone (ZADD NX / ZREM on the room set):');
    out(line('ZADD, empty room', stats(emptyAdd)));
    out(line(`ZADD, room of ${size}`, stats(bigAdd)));
    out(line('ZREM, empty room', stats(emptyRem)));
    out(line(`ZREM, room of ${size}`, stats(bigRem)));
    out(
      `\nFilling the room (${CONCURRENCY} in flight): ${fillSeconds.toFixed(1)} s, ${Math.round(MEMBERS / fillSeconds)} joins/s`,
    );
    buckets.forEach((b, i) =>
      out(line(`  joins ${i * chunk}..${Math.min(MEMBERS, (i + 1) * chunk)}`, b)),
    );
    out(`\nAt ${size} members:`);
    out(`  get_group_info (MemberNum ${info.groups[0].group?.memberNum}): ${infoMs.toFixed(1)} ms`);
    out(
      `  get_group_member_info (first ${list.members.length} joiners of ${list.memberNum}): ${listMs.toFixed(1)} ms`,
    );
    out(
      `  get_online_member_num (${online.onlineMemberNum} online, presence of every member): ${onlineMs.toFixed(1)} ms`,
    );
    out(
      `  destroy_group (room dropped at once, member lists cleaned in background): ${destroyMs.toFixed(1)} ms`,
    );
    out(
      `  Redis memory of the room's member set: ${(memory / 1024 / 1024).toFixed(1)} MiB (${Math.round(memory / size)} bytes per member)\n`,
    );
  });
});
