/**
 * The account service's statistics over NATS with real nats-server (JetStream), redis-server
 * and PostgreSQL: events published on the owners' streams are counted once each (a redelivered
 * event with the same eventId changes nothing), distinct counts count a user once a day, the
 * online gauge follows sessions and drops those presence no longer knows, and
 * `account.rpc.get-app-stats` assembles the days (totals counted back from today).
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';

import type { Subscription } from 'nats';
import { Redis } from 'ioredis';
import { Pool } from 'pg';

import {
  AccountRpc,
  ConnEvt,
  ErrorCode,
  EventStreams,
  GroupEvt,
  GroupRpc,
  MessageEvt,
  PresenceCacheKeys,
  RemoteError,
} from '@im/contracts';
import type { AppStatsDay, EventSubject } from '@im/contracts';
import type { NatsBus } from '@im/platform';
import { createTestDatabase, startNatsServer, startRedisServer, waitFor } from '@im/testing';
import type { ServerHandle, TestDatabase } from '@im/testing';

import { OnlineSampleTask } from '../src/app-stats/online-sample.task';
import { as, connectTestBus, createApp, makeTempDir, startAccountService } from './account.harness';
import type { StartedAccountService } from './account.harness';

let tmp: string;
let nats: ServerHandle;
let redisServer: ServerHandle;
let db: TestDatabase;
let service: StartedAccountService;
let bus: NatsBus;
let redis: Redis;
let pg: Pool;
let groupService: Subscription | undefined;
/** What the stand-in group service answers as the app's number of groups. */
let groupsNow = 0;

const encoder = new TextEncoder();

beforeAll(async () => {
  tmp = await makeTempDir('im-account-stats-int-');
  [nats, redisServer, db] = await Promise.all([
    startNatsServer({ dataDir: path.join(tmp, 'nats') }),
    startRedisServer({ dataDir: path.join(tmp, 'redis') }),
    createTestDatabase('account'),
  ]);
  bus = await connectTestBus(nats.url);
  for (const stream of [EventStreams.conn, EventStreams.message, EventStreams.group])
    await bus.ensureStream(stream);
  service = await startAccountService({
    natsUrl: nats.url,
    redisUrl: redisServer.url,
    databaseUrl: db.url,
  });
  redis = new Redis(redisServer.url);
  pg = new Pool({ connectionString: db.url, max: 2 });
  // A client still closing when afterAll drops the database WITH (FORCE) is terminated.
  pg.on('error', () => undefined);
  groupService = answerGroupCount();
});

afterAll(async () => {
  groupService?.unsubscribe();
  await bus?.close();
  await service?.app.close();
  await redis?.quit();
  await pg?.end();
  await db?.drop();
  await Promise.all([nats?.stop(), redisServer?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The group service's part: `group.rpc.list-app-groups` answering `groupsNow`. */
function answerGroupCount(): Subscription {
  return bus.connection.subscribe(GroupRpc.ListAppGroups, {
    callback: (_err, msg) => {
      const { id } = JSON.parse(new TextDecoder().decode(msg.data)) as { id: string };
      const response = { totalCount: groupsNow, groupIds: [], next: 0 };
      msg.respond(encoder.encode(JSON.stringify({ id, response, isDisposed: true })));
    },
  });
}

/**
 * Publishes an event on its stream as its owner would, under a fresh JetStream message ID (so
 * the same eventId published twice reaches the consumer twice, as a redelivery would).
 */
async function publish(
  subject: EventSubject,
  sdkAppId: number,
  fact: Record<string, unknown>,
  envelope: { eventId?: string; occurredAt?: string } = {},
): Promise<string> {
  const event = {
    eventId: envelope.eventId ?? randomUUID(),
    sdkAppId,
    occurredAt: envelope.occurredAt ?? new Date().toISOString(),
    requestId: 'test',
    ...fact,
  };
  await bus.connection
    .jetstream()
    .publish(subject, encoder.encode(JSON.stringify({ pattern: subject, data: event })), {
      msgID: randomUUID(),
    });
  return event.eventId;
}

function chat(type: 'C2C' | 'GROUP', from: string, to: string) {
  return {
    convId: `${type}:${from}:${to}`,
    type,
    seq: 1,
    time: Math.floor(Date.now() / 1000),
    random: 1,
    msgKey: '1',
    from,
    to,
    body: [],
  };
}

function session(userId: string, connId: string) {
  return { userId, platform: 'Web', connId, nodeId: 'node-1', kickedPlatforms: [] };
}

function groupFact(groupId: string) {
  return {
    groupId,
    groupType: 'Public',
    operatorId: 'admin',
    byAppAdmin: true,
    notification: 'none',
    name: groupId,
    ownerId: null,
    memberIds: [],
    imported: false,
  };
}

async function stats(sdkAppId: number): Promise<AppStatsDay[]> {
  return (await bus.request(AccountRpc.GetAppStats, {}, as(sdkAppId))).days;
}

async function today(sdkAppId: number): Promise<AppStatsDay['values']> {
  const days = await stats(sdkAppId);
  return days[days.length - 1].values;
}

describe('app statistics', () => {
  it('counts an event once however often it is delivered, and a sender once a day', async () => {
    const { sdkAppId } = await createApp(bus);
    const first = await publish(MessageEvt.Sent, sdkAppId, { message: chat('C2C', 'u1', 'u2') });
    await publish(MessageEvt.Sent, sdkAppId, { message: chat('C2C', 'u1', 'u2') }, {});
    // The first event again (a redelivery after a lost ack).
    await publish(
      MessageEvt.Sent,
      sdkAppId,
      { message: chat('C2C', 'u1', 'u2') },
      {
        eventId: first,
      },
    );
    await publish(MessageEvt.Sent, sdkAppId, {
      message: chat('GROUP', 'u1', 'g1'),
      recipients: 4,
    });

    await waitFor(async () => (await today(sdkAppId)).GroupUpMsgNum === 1);
    // The group message was published after the repeat: the repeat has been handled too.
    expect(await today(sdkAppId)).toMatchObject({
      UpMsgNum: 3,
      C2CUpMsgNum: 2,
      GroupUpMsgNum: 1,
      DownMsgNum: 6,
      C2CDownMsgNum: 2,
      GroupDownMsgNum: 4,
      SendMsgUserNum: 1,
      C2CSendMsgUserNum: 1,
      GroupSendMsgUserNum: 1,
      GroupSendMsgGroupNum: 1,
      ActiveUserNum: 1,
    });
  });

  it('keeps the most users online at once, and drops sessions presence no longer knows', async () => {
    const { sdkAppId } = await createApp(bus);
    const live = { connId: 'c1', nodeId: 'node-1', platform: 'Web', status: 'Online', since: 1 };
    await redis.hset(
      PresenceCacheKeys.sessions(sdkAppId, 'u1'),
      'c1',
      JSON.stringify({ ...live, expiresAt: Date.now() + 600_000 }),
    );
    await publish(ConnEvt.SessionOpened, sdkAppId, session('u1', 'c1'));
    await publish(ConnEvt.SessionOpened, sdkAppId, session('u1', 'c1b'));
    // u2's gateway died: its session is in no presence hash.
    await publish(ConnEvt.SessionOpened, sdkAppId, session('u2', 'c2'));
    await waitFor(async () => (await today(sdkAppId)).LoginTimes === 3);
    expect(await today(sdkAppId)).toMatchObject({
      LoginTimes: 3,
      LoginUserNum: 2,
      MaxOnlineNum: 2,
    });

    await publish(ConnEvt.SessionClosed, sdkAppId, { ...session('u1', 'c1b'), reason: 'logout' });
    await waitFor(async () => (await onlineRows(sdkAppId)).length === 2);
    await service.app.get(OnlineSampleTask).sample();

    expect(await onlineRows(sdkAppId)).toEqual(['c1']);
    await publish(ConnEvt.SessionOpened, sdkAppId, session('u3', 'c3'));
    await waitFor(async () => (await today(sdkAppId)).LoginTimes === 4);
    // Two users online again (u1, u3), never more than two at once: the maximum stays 2.
    expect((await today(sdkAppId)).MaxOnlineNum).toBe(2);
  });

  it('answers the last 30 days with groups counted back from the number there is now', async () => {
    const { sdkAppId } = await createApp(bus, { name: 'stats-app' });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await publish(GroupEvt.Created, sdkAppId, groupFact('g1'), { occurredAt: yesterday });
    await publish(GroupEvt.Created, sdkAppId, groupFact('g2'), { occurredAt: yesterday });
    await publish(GroupEvt.Destroyed, sdkAppId, { ...groupFact('g1') });
    await waitFor(async () => (await today(sdkAppId)).GroupDestroyGroupNum === 1);
    groupsNow = 1;

    const reply = await bus.request(AccountRpc.GetAppStats, {}, as(sdkAppId));

    expect(reply.appName).toBe('stats-app');
    expect(reply.days).toHaveLength(30);
    const last3 = reply.days.slice(-3).map((d) => d.values);
    expect(last3.map((v) => v.GroupNewGroupNum)).toEqual([0, 2, 0]);
    expect(last3.map((v) => v.GroupDestroyGroupNum)).toEqual([0, 0, 1]);
    expect(last3.map((v) => v.GroupAllGroupNum)).toEqual([0, 2, 1]);
    expect(
      (await bus.request(AccountRpc.GetAppStats, { days: 7 }, as(sdkAppId))).days,
    ).toHaveLength(7);
  });

  it('refuses an end user and answers 130011 when the statistics cannot be read', async () => {
    const { sdkAppId } = await createApp(bus);
    await expect(
      bus.request(AccountRpc.GetAppStats, {}, as(sdkAppId, 'user', 'u1')),
    ).rejects.toMatchObject({ code: ErrorCode.AccountAdminRequired });

    groupService?.unsubscribe();
    groupService = undefined;
    try {
      const err = await bus
        .request(AccountRpc.GetAppStats, {}, as(sdkAppId))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RemoteError);
      expect((err as RemoteError).code).toBe(ErrorCode.StatsSqlQueryFailed);
    } finally {
      groupService = answerGroupCount();
    }
  });
});

async function onlineRows(sdkAppId: number): Promise<string[]> {
  const result = await pg.query<{ conn_id: string }>(
    'SELECT conn_id FROM app_stats_online WHERE sdk_app_id = $1 ORDER BY conn_id',
    [sdkAppId],
  );
  return result.rows.map((r) => r.conn_id);
}
