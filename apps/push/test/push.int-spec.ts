/**
 * The push service over NATS with real gateways and SDK clients: who a tag or attribute push
 * reaches, storage for users who come online within MsgLifeTime (and not after), the report's
 * counts, every documented code, rate limits, tenant isolation, and offline notifications
 * through APNs/FCM stand-ins (h2c / HTTP) for pushes and for message jobs.
 */
import { randomInt, randomUUID } from 'node:crypto';

import { DomainError, ErrorCode, MessageEvt, PushRpc, RemoteError } from '@im/contracts';
import type { AppReply, PushCondition, PushReport } from '@im/contracts';
import { PlatformMetrics } from '@im/platform';
import { waitFor } from '@im/testing';

import { DEVICE_USERS_READY, deviceUserMember } from '../src/device-users.cache';
import { PushCacheKeys } from '../src/push.cache-keys';
import type { OnlineUser } from './push.harness';
import { PushHarness } from './push.harness';
import { FakeApns, FakeFcm, makeApnsKey, makeServiceAccountKey } from './provider-servers';

const apnsKey = makeApnsKey();
const fcmKey = makeServiceAccountKey();
const APNS = { teamId: 'TEAM123456', keyId: 'KEY1234567', topic: 'com.example.push' };
const FCM = { clientEmail: 'push@proj-1.iam.gserviceaccount.com', projectId: 'proj-1' };

let h: PushHarness;
let apns: FakeApns;
let fcm: FakeFcm;

beforeAll(async () => {
  apns = await FakeApns.start(apnsKey.publicKey, APNS);
  fcm = await FakeFcm.start(fcmKey.publicKey, FCM);
  h = await PushHarness.start({ PUSH_APNS_URL: apns.url, PUSH_FCM_URL: fcm.url });
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await apns?.stop();
  await fcm?.stop();
});

const text = (t: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: t } }];

async function push(
  app: AppReply,
  condition?: PushCondition,
  extra: { lifeTimeSeconds?: number; from?: string; offlinePush?: Record<string, unknown> } = {},
): Promise<string> {
  const { taskId } = await h.call(app, PushRpc.Push, {
    msgRandom: randomInt(0, 2 ** 32 - 1),
    body: text(`push ${randomUUID()}`),
    condition,
    ...extra,
  });
  return taskId;
}

async function report(app: AppReply, taskId: string): Promise<PushReport> {
  const { reports } = await h.call(app, PushRpc.GetReports, { taskIds: [taskId] });
  return reports[0];
}

/** Waits until the task is done and returns its report. */
function done(app: AppReply, taskId: string): Promise<PushReport> {
  return waitFor(
    async () => {
      const r = await report(app, taskId);
      return r.status === 2 ? r : null;
    },
    { timeoutMs: 10_000, message: `task ${taskId} done` },
  );
}

const got = (user: OnlineUser, taskId: string) => user.pushes.filter((p) => p.taskId === taskId);

/**
 * Pushes to everybody and waits until each given user got it: a push of an earlier task on
 * the same connection has arrived by then (one publisher, one gateway subject, in order).
 */
async function barrier(app: AppReply, users: OnlineUser[]): Promise<void> {
  const taskId = await push(app);
  await waitFor(() => users.every((u) => got(u, taskId).length === 1), {
    timeoutMs: 10_000,
    message: 'barrier push',
  });
}

async function codeOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof RemoteError || err instanceof DomainError) return err.code;
    throw err;
  }
  return 0;
}

describe('push by tag and by attribute', () => {
  let app: AppReply;
  let users: Record<string, OnlineUser>;

  beforeAll(async () => {
    app = await h.createApp();
    await h.importUsers(app, 'ann', 'ben', 'cat', 'dan', 'eve');
    users = {};
    for (const id of ['ann', 'ben', 'cat', 'dan']) users[id] = await h.online(app, id);
    await h.call(app, PushRpc.AddUserTags, {
      users: [
        { userId: 'ann', tags: ['vip'] },
        { userId: 'ben', tags: ['vip', 'sz'] },
        { userId: 'cat', tags: ['sz'] },
        { userId: 'eve', tags: ['vip', 'sz'] },
      ],
    });
    await h.call(app, PushRpc.SetAttrNames, { attrNames: { '0': 'level', '1': 'city' } });
    await h.call(app, PushRpc.SetUserAttrs, {
      users: [
        { userId: 'ann', attrs: { level: 'gold', city: 'SZ' } },
        { userId: 'ben', attrs: { level: 'gold', city: 'BJ' } },
        { userId: 'cat', attrs: { level: 'silver', city: 'SZ' } },
        { userId: 'eve', attrs: { level: 'silver', city: 'BJ' } },
      ],
    });
  });

  const online = () => Object.values(users);
  const receivers = (taskId: string) =>
    online()
      .filter((u) => got(u, taskId).length > 0)
      .map((u) => u.userId)
      .sort();

  it.each([
    ['TagsAnd', { tagsAnd: ['vip', 'sz'] }, ['ben'], 2],
    ['TagsOr', { tagsOr: ['vip'] }, ['ann', 'ben'], 3],
    ['TagsAnd with TagsOr', { tagsAnd: ['sz'], tagsOr: ['vip'] }, ['ben'], 2],
    ['AttrsAnd', { attrsAnd: { level: 'gold', city: 'SZ' } }, ['ann'], 1],
    ['AttrsOr', { attrsOr: { level: 'silver', city: 'BJ' } }, ['ben', 'cat'], 3],
    ['nothing (everybody)', undefined, ['ann', 'ben', 'cat', 'dan'], 5],
  ])('%s reaches exactly the right online users', async (_what, condition, expected, total) => {
    const taskId = await push(app, condition);

    const r = await done(app, taskId);
    await barrier(app, online());

    expect(receivers(taskId)).toEqual(expected);
    for (const u of online()) expect(got(u, taskId).length).toBeLessThanOrEqual(1);
    expect(r).toMatchObject({
      total,
      finished: total,
      onlineDelivered: expected.length,
      stored: 0,
      startTime: expect.any(Number),
      finishTime: expect.any(Number),
    });
    expect(got(users[expected[0]], taskId)[0]).toMatchObject({
      taskId,
      from: 'administrator',
      body: expect.any(Array),
      time: expect.any(Number),
    });
  });

  it('reads, removes and clears tags and attributes', async () => {
    await h.call(app, PushRpc.AddUserTags, { users: [{ userId: 'dan', tags: ['a', 'b', 'c'] }] });
    await h.call(app, PushRpc.RemoveUserTags, { users: [{ userId: 'dan', tags: ['b'] }] });
    expect(await h.call(app, PushRpc.GetUserTags, { userIds: ['dan', 'nobody'] })).toEqual({
      users: [
        { userId: 'dan', tags: ['a', 'c'] },
        { userId: 'nobody', tags: [] },
      ],
    });
    await h.call(app, PushRpc.RemoveAllUserTags, { userIds: ['dan'] });
    expect((await h.call(app, PushRpc.GetUserTags, { userIds: ['dan'] })).users[0].tags).toEqual(
      [],
    );

    await h.call(app, PushRpc.SetUserAttrs, { users: [{ userId: 'dan', attrs: { city: 'GZ' } }] });
    await h.call(app, PushRpc.SetUserAttrs, {
      users: [{ userId: 'dan', attrs: { level: 'iron' } }],
    });
    expect(await h.call(app, PushRpc.GetUserAttrs, { userIds: ['dan'] })).toEqual({
      users: [{ userId: 'dan', attrs: { level: 'iron', city: 'GZ' } }],
    });
    await h.call(app, PushRpc.RemoveUserAttrs, { users: [{ userId: 'dan', attrNames: ['city'] }] });
    expect((await h.call(app, PushRpc.GetUserAttrs, { userIds: ['dan'] })).users[0].attrs).toEqual({
      level: 'iron',
    });
    expect(await h.call(app, PushRpc.GetAttrNames, {})).toEqual({
      attrNames: { '0': 'level', '1': 'city' },
    });
  });

  it('keeps attribute values when an attribute is renamed', async () => {
    const other = await h.createApp();
    await h.call(other, PushRpc.SetAttrNames, { attrNames: { '3': 'tier' } });
    await h.call(other, PushRpc.SetUserAttrs, { users: [{ userId: 'zed', attrs: { tier: 'A' } }] });
    await h.call(other, PushRpc.SetAttrNames, { attrNames: { '3': 'rank' } });

    expect(
      (await h.call(other, PushRpc.GetUserAttrs, { userIds: ['zed'] })).users[0].attrs,
    ).toEqual({
      rank: 'A',
    });
    expect(await codeOf(h.call(other, PushRpc.SetAttrNames, { attrNames: { '4': 'rank' } }))).toBe(
      ErrorCode.PushAttributeInvalid,
    );
  });
});

describe('concurrent attribute names', () => {
  it('answers concurrent im_set_attr_name calls of one app each with OK, the last one winning', async () => {
    const app = await h.createApp();
    const names = ['level', 'city', 'tier', 'rank', 'zone', 'team', 'role', 'plan'];
    const results = await Promise.allSettled(
      names.map((name) => h.call(app, PushRpc.SetAttrNames, { attrNames: { '0': name } })),
    );
    expect(results.map((r) => r.status)).toEqual(names.map(() => 'fulfilled'));
    const { attrNames } = await h.call(app, PushRpc.GetAttrNames, {});
    expect(names).toContain(attrNames['0']);
    expect(Object.keys(attrNames)).toEqual(['0']);
  });
});

describe('offline storage (MsgLifeTime)', () => {
  let app: AppReply;

  beforeAll(async () => {
    app = await h.createApp();
    await h.importUsers(app, 'on1', 'off1', 'off2', 'off3', 'late');
    await h.call(app, PushRpc.AddUserTags, {
      users: ['on1', 'off1', 'off2', 'off3', 'late'].map((userId) => ({ userId, tags: ['t'] })),
    });
  });

  it('delivers a stored push once to a user who comes online within MsgLifeTime', async () => {
    const on1 = await h.online(app, 'on1');
    const taskId = await push(app, { tagsOr: ['t'] }, { lifeTimeSeconds: 3600 });

    const r = await done(app, taskId);
    expect(r).toMatchObject({ total: 5, finished: 5, onlineDelivered: 1, stored: 4 });
    await waitFor(() => got(on1, taskId).length === 1, { timeoutMs: 5000 });

    const off1 = await h.online(app, 'off1');
    await waitFor(() => got(off1, taskId).length === 1, {
      timeoutMs: 5000,
      message: 'stored push',
    });
    expect(got(off1, taskId)[0]).toMatchObject({ taskId, stored: true });
    await waitFor(async () => (await report(app, taskId)).storedDelivered === 1, {
      timeoutMs: 5000,
    });

    // Once: a second session of the same user does not get it again.
    await off1.client.close();
    const again = await h.online(app, 'off1');
    await barrier(app, [again, on1]);
    expect(got(again, taskId)).toEqual([]);
    expect(got(on1, taskId)).toHaveLength(1);
  });

  it('does not deliver it after MsgLifeTime', async () => {
    const taskId = await push(app, { tagsOr: ['t'] }, { lifeTimeSeconds: 600 });
    await done(app, taskId);
    // Time passes: the stored copies expire.
    await h.pg.query(
      `UPDATE push_stored SET expires_at = now() - interval '1 second' WHERE task_id = $1`,
      [taskId],
    );

    const late = await h.online(app, 'late');
    await barrier(app, [late]);

    expect(got(late, taskId)).toEqual([]);
    expect((await report(app, taskId)).storedDelivered).toBe(0);
  });

  it('stores nothing for an online-only push (MsgLifeTime 0)', async () => {
    const taskId = await push(app, { tagsOr: ['t'] });

    const r = await done(app, taskId);
    const off2 = await h.online(app, 'off2');
    await barrier(app, [off2]);

    expect(r.stored).toBe(0);
    expect(got(off2, taskId)).toEqual([]);
  });
});

describe('codes and limits', () => {
  let app: AppReply;

  beforeAll(async () => {
    app = await h.createApp();
    await h.importUsers(app, 'sender');
  });

  it('refuses every push command while the push service is not enabled (90045)', async () => {
    const off = await h.apps.create({});

    for (const call of [
      h.call(off, PushRpc.Push, { msgRandom: 1, body: text('x') }),
      h.call(off, PushRpc.GetAttrNames, {}),
      h.call(off, PushRpc.GetUserTags, { userIds: ['a'] }),
      h.call(off, PushRpc.GetReports, { taskIds: ['00000000_00000001_1_1'] }),
    ])
      expect(await codeOf(call)).toBe(ErrorCode.PushNotEnabled);
  });

  it('is for the App admin: a user gets 90009', async () => {
    expect(
      await codeOf(h.call(app, PushRpc.Push, { msgRandom: 1, body: text('x') }, 'user', 'sender')),
    ).toBe(ErrorCode.OpenimAdminRequired);
  });

  it.each([
    [
      'mixed tags and attributes',
      { msgRandom: 1, body: text('x'), condition: { tagsOr: ['a'], attrsOr: { x: 'y' } } },
      ErrorCode.PushMixedConditions,
    ],
    [
      '11 tags',
      {
        msgRandom: 1,
        body: text('x'),
        condition: { tagsAnd: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      },
      ErrorCode.PushTooManyTags,
    ],
    [
      'a long tag',
      { msgRandom: 1, body: text('x'), condition: { tagsOr: ['t'.repeat(51)] } },
      ErrorCode.PushTagTooLong,
    ],
    [
      'an empty tag',
      { msgRandom: 1, body: text('x'), condition: { tagsOr: [''] } },
      ErrorCode.PushEmptyTag,
    ],
    [
      'a tag in both lists',
      { msgRandom: 1, body: text('x'), condition: { tagsOr: ['a'], tagsAnd: ['a'] } },
      ErrorCode.PushTagInBothConditions,
    ],
    [
      'an unknown attribute',
      { msgRandom: 1, body: text('x'), condition: { attrsOr: { nope: 'y' } } },
      ErrorCode.PushAttributeInvalid,
    ],
    [
      'MsgLifeTime over 7 days',
      { msgRandom: 1, body: text('x'), lifeTimeSeconds: 604_801 },
      ErrorCode.MsgLifeTimeInvalid,
    ],
    [
      'a body over 10 KB',
      { msgRandom: 1, body: text('x'.repeat(10_300)) },
      ErrorCode.PushBodyTooLarge,
    ],
    [
      'an unknown From_Account',
      { msgRandom: 1, body: text('x'), from: 'ghost' },
      ErrorCode.FromAccountInvalid,
    ],
  ])('refuses %s', async (_what, req, code) => {
    expect(await codeOf(h.call(app, PushRpc.Push, req as never))).toBe(code);
  });

  it('pushes as an existing From_Account', async () => {
    const taskId = await push(app, undefined, { from: 'sender' });
    expect(taskId).toMatch(new RegExp(`_${app.sdkAppId}_\\d+$`));
  });

  it.each([
    ['no task ID', [], ErrorCode.PushReportTaskIdMissing],
    ['501 task IDs', Array(501).fill('00000000_00000001_1_1'), ErrorCode.PushReportTooManyTasks],
    ['a malformed task ID', ['x'], ErrorCode.PushReportTaskIdInvalid],
    ['an unknown task ID', ['00000000_00000001_1_1'], ErrorCode.PushReportTaskIdInvalid],
  ])('refuses a report of %s', async (_what, taskIds, code) => {
    expect(await codeOf(h.call(app, PushRpc.GetReports, { taskIds: taskIds as string[] }))).toBe(
      code,
    );
  });

  it('refuses more than 100 accounts (90018) and more than 10 tags (90032) per request', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`);
    expect(await codeOf(h.call(app, PushRpc.GetUserTags, { userIds: many }))).toBe(
      ErrorCode.PushTooManyAccounts,
    );
    const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
    expect(
      await codeOf(h.call(app, PushRpc.AddUserTags, { users: [{ userId: 'sender', tags }] })),
    ).toBe(ErrorCode.PushTooManyTags);
  });

  it('keeps a user at 100 tags (90032 beyond)', async () => {
    for (let i = 0; i < 100; i += 10)
      await h.call(app, PushRpc.AddUserTags, {
        users: [{ userId: 'full', tags: Array.from({ length: 10 }, (_, j) => `tag${i + j}`) }],
      });
    expect(
      await codeOf(
        h.call(app, PushRpc.AddUserTags, { users: [{ userId: 'full', tags: ['one-more'] }] }),
      ),
    ).toBe(ErrorCode.PushTooManyTags);
    expect(
      (await h.call(app, PushRpc.GetUserTags, { userIds: ['full'] })).users[0].tags,
    ).toHaveLength(100);
  });

  it('allows one push per interval (90024), but a retry with the same MsgRandom gets its task', async () => {
    const limited = await h.createApp({ minIntervalSeconds: 30 });
    const req = { msgRandom: 4242, body: text('once') };

    const first = await h.call(limited, PushRpc.Push, req);
    const retry = await h.call(limited, PushRpc.Push, req);
    const other = await codeOf(h.call(limited, PushRpc.Push, { ...req, msgRandom: 4243 }));

    expect(retry.taskId).toBe(first.taskId);
    expect(other).toBe(ErrorCode.PushTooFrequent);
  });

  it('counts pushes per day (90047)', async () => {
    const quota = await h.createApp({ dailyLimit: 2 });

    await push(quota);
    await push(quota);
    expect(await codeOf(push(quota))).toBe(ErrorCode.PushDailyQuotaExceeded);
  });
});

describe('tenant isolation', () => {
  it('keeps tags, attributes, pushes and reports of one app away from another', async () => {
    const a = await h.createApp();
    const b = await h.createApp();
    await h.importUsers(a, 'same');
    await h.importUsers(b, 'same');
    await h.call(a, PushRpc.AddUserTags, { users: [{ userId: 'same', tags: ['only-a'] }] });
    await h.call(a, PushRpc.SetAttrNames, { attrNames: { '0': 'level' } });
    await h.call(a, PushRpc.SetUserAttrs, { users: [{ userId: 'same', attrs: { level: 'x' } }] });
    const inA = await h.online(a, 'same');
    const inB = await h.online(b, 'same');

    const taskId = await push(a, { tagsOr: ['only-a'] }, { lifeTimeSeconds: 3600 });
    expect(await done(a, taskId)).toMatchObject({ total: 1, onlineDelivered: 1 });
    await barrier(b, [inB]);
    await waitFor(() => got(inA, taskId).length === 1, { timeoutMs: 5000 });

    expect(got(inB, taskId)).toEqual([]);
    expect((await h.call(b, PushRpc.GetUserTags, { userIds: ['same'] })).users[0].tags).toEqual([]);
    expect(await h.call(b, PushRpc.GetAttrNames, {})).toEqual({ attrNames: {} });
    expect((await h.call(b, PushRpc.GetUserAttrs, { userIds: ['same'] })).users[0].attrs).toEqual(
      {},
    );
    expect(await codeOf(h.call(b, PushRpc.GetReports, { taskIds: [taskId] }))).toBe(
      ErrorCode.PushReportTaskIdInvalid,
    );
    // A tag push in b with a's tag reaches nobody (b has no such tag).
    const inBTask = await push(b, { tagsOr: ['only-a'] });
    expect(await done(b, inBTask)).toMatchObject({ total: 0, onlineDelivered: 0 });
  });
});

describe('offline notifications', () => {
  let app: AppReply;

  beforeAll(async () => {
    app = await h.createApp({
      apns: {
        teamId: APNS.teamId,
        keyId: APNS.keyId,
        privateKey: apnsKey.p8,
        bundleId: APNS.topic,
      },
      fcm: {
        projectId: FCM.projectId,
        clientEmail: FCM.clientEmail,
        privateKey: fcmKey.pem,
        tokenUri: fcm.tokenUri,
      },
    });
    await h.importUsers(app, 'ios', 'droid', 'gone');
    await h.call(
      app,
      PushRpc.RegisterDevice,
      { provider: 'apns', token: 'ios-token-1', platform: 'iPhone' },
      'user',
      'ios',
    );
    await h.call(
      app,
      PushRpc.RegisterDevice,
      { provider: 'fcm', token: 'fcm-token-1', platform: 'Android' },
      'user',
      'droid',
    );
    await h.call(
      app,
      PushRpc.RegisterDevice,
      { provider: 'apns', token: 'dead-ios', platform: 'iPhone' },
      'user',
      'gone',
    );
  });

  const tokensOf = async (userId: string) =>
    (
      await h.pg.query<{ token: string }>(
        'SELECT token FROM push_devices WHERE sdk_app_id = $1 AND user_id = $2',
        [app.sdkAppId, userId],
      )
    ).rows.map((r) => r.token);

  it('registers device tokens only for the calling user (a client)', async () => {
    expect(
      await codeOf(h.call(app, PushRpc.RegisterDevice, { provider: 'apns', token: 'x' })),
    ).toBe(ErrorCode.RequestDisabled);
    expect(await tokensOf('ios')).toEqual(['ios-token-1']);
  });

  it('notifies offline users’ devices of a stored push and counts it in the report; drops dead tokens', async () => {
    const taskId = await push(app, undefined, {
      lifeTimeSeconds: 3600,
      offlinePush: { Title: 'Sale', Desc: 'Half price' },
    });

    const r = await waitFor(
      async () => {
        const x = await report(app, taskId);
        return x.status === 2 && x.offlinePushed + x.offlinePushFailed === 3 ? x : null;
      },
      { timeoutMs: 10_000, message: 'offline results' },
    );

    expect(r).toMatchObject({ total: 3, stored: 3, offlinePushed: 2, offlinePushFailed: 1 });
    expect(apns.problems).toEqual([]);
    expect(fcm.problems).toEqual([]);
    expect(apns.requests.find((q) => q.token === 'ios-token-1')?.payload).toMatchObject({
      aps: { alert: { title: 'Sale', body: 'Half price' } },
      taskId,
    });
    expect(fcm.sends.find((s) => s.message.token === 'fcm-token-1')?.message).toMatchObject({
      notification: { title: 'Sale', body: 'Half price' },
      data: { taskId },
    });
    await waitFor(async () => (await tokensOf('gone')).length === 0, { timeoutMs: 5000 });
  });

  it('sends no notification when OfflinePushInfo.PushFlag is 1', async () => {
    const before = apns.requests.length + fcm.sends.length;
    const taskId = await push(app, undefined, {
      lifeTimeSeconds: 60,
      offlinePush: { PushFlag: 1 },
    });

    expect(await done(app, taskId)).toMatchObject({ stored: 3, offlinePushed: 0 });
    expect(apns.requests.length + fcm.sends.length).toBe(before);
  });

  it('consumes message offline-push jobs: each device of the recipients once', async () => {
    const before = apns.requests.filter((q) => q.token === 'ios-token-1').length;
    const event = await h.bus.publish(MessageEvt.OfflinePushRequested, {
      sdkAppId: app.sdkAppId,
      userIds: ['ios', 'droid'],
      message: {
        convId: 'c2c:3:ios:droid',
        type: 'C2C',
        seq: 7,
        time: 1_700_000_000,
        random: 1,
        msgKey: '7_1_1700000000',
        from: 'droid',
        to: 'ios',
        body: text('are you there?'),
        senderNick: 'Droid',
      },
    });

    await waitFor(
      () =>
        apns.requests.filter((q) => q.token === 'ios-token-1').length === before + 1 &&
        fcm.sends.some(
          (s) => (s.message.data as Record<string, string>)?.msgKey === '7_1_1700000000',
        ),
      { timeoutMs: 10_000, message: 'message notifications' },
    );
    const sent = apns.requests.filter((q) => q.token === 'ios-token-1').at(-1);
    expect(sent?.payload).toMatchObject({
      aps: { alert: { title: 'Droid', body: 'are you there?' } },
      convId: 'c2c:3:ios:droid',
    });
    // Handled once per eventId (a redelivery finds it consumed).
    const consumed = await h.pg.query('SELECT 1 FROM consumed_events WHERE event_id = $1', [
      event.eventId,
    ]);
    expect(consumed.rowCount).toBe(1);
  });

  /** Counts of `im_push_offline_requests_total` per outcome. */
  async function outcomes(): Promise<Record<string, number>> {
    const metric = h.service
      .get(PlatformMetrics, { strict: false })
      .registry.getSingleMetric('im_push_offline_requests_total');
    const { values } = await metric!.get();
    return Object.fromEntries(values.map((v) => [String(v.labels.outcome), v.value]));
  }

  const jobFor = (userIds: string[], msgKey: string) =>
    h.bus.publish(MessageEvt.OfflinePushRequested, {
      sdkAppId: app.sdkAppId,
      userIds,
      message: {
        convId: `c2c:3:${userIds[0]}:droid`,
        type: 'C2C',
        seq: 8,
        time: 1_700_000_001,
        random: 2,
        msgKey,
        from: 'droid',
        to: userIds[0],
        body: text('ping'),
      },
    });

  /** Publishes a job for `ios` and waits for its notification: earlier jobs are handled then. */
  async function iosBarrier(msgKey: string): Promise<void> {
    await jobFor(['ios'], msgKey);
    await waitFor(() => apns.requests.some((q) => q.payload.msgKey === msgKey), {
      timeoutMs: 10_000,
      message: `notification ${msgKey}`,
    });
  }

  it('looks up nothing for recipients who never registered a device, and still notifies those who did', async () => {
    await h.importUsers(app, 'nodevice');
    await iosBarrier('barrier_1'); // the set of device users is complete from here on
    await waitFor(
      async () => (await h.redis.sismember(PushCacheKeys.deviceUsers, DEVICE_USERS_READY)) === 1,
      { timeoutMs: 10_000, message: 'device users rebuilt' },
    );
    expect(
      await h.redis.smismember(
        PushCacheKeys.deviceUsers,
        deviceUserMember(app.sdkAppId, 'ios'),
        deviceUserMember(app.sdkAppId, 'droid'),
        deviceUserMember(app.sdkAppId, 'nodevice'),
      ),
    ).toEqual([1, 1, 0]);
    const before = await outcomes();

    await jobFor(['nodevice'], 'none_1');
    await iosBarrier('barrier_2');

    const after = await outcomes();
    expect((after['no-device'] ?? 0) - (before['no-device'] ?? 0)).toBe(1);
    expect((after.sent ?? 0) - (before.sent ?? 0)).toBe(1);
    expect(after['no-target'] ?? 0).toBe(before['no-target'] ?? 0);
  });

  it('notifies a device registered after the set was built', async () => {
    await iosBarrier('barrier_3');
    await h.importUsers(app, 'late');
    await h.call(
      app,
      PushRpc.RegisterDevice,
      { provider: 'apns', token: 'late-token', platform: 'iPhone' },
      'user',
      'late',
    );

    await jobFor(['late'], 'late_1');

    const sent = await waitFor(
      () =>
        apns.requests.find((q) => q.token === 'late-token' && q.payload.msgKey === 'late_1') ??
        null,
      { timeoutMs: 10_000, message: 'notification to the late device' },
    );
    expect(sent.payload).toMatchObject({ aps: { alert: { body: 'ping' } } });
  });

  it('notifies registered devices while the lost set is rebuilt', async () => {
    await h.redis.del(PushCacheKeys.deviceUsers);

    await iosBarrier('lost_1');

    const rebuilt = await waitFor(
      async () =>
        (
          await h.redis.smismember(
            PushCacheKeys.deviceUsers,
            DEVICE_USERS_READY,
            deviceUserMember(app.sdkAppId, 'ios'),
            deviceUserMember(app.sdkAppId, 'late'),
          )
        ).every((x) => x === 1),
      { timeoutMs: 10_000, message: 'device users rebuilt' },
    );
    expect(rebuilt).toBe(true);
  });

  it('costs an app without provider credentials no lookup', async () => {
    const bare = await h.createApp();
    await h.importUsers(bare, 'ios');
    await h.call(
      bare,
      PushRpc.RegisterDevice,
      { provider: 'apns', token: 'bare-ios' },
      'user',
      'ios',
    );
    const before = await outcomes();

    await h.bus.publish(MessageEvt.OfflinePushRequested, {
      sdkAppId: bare.sdkAppId,
      userIds: ['ios'],
      message: {
        convId: 'c2c:3:droid:ios',
        type: 'C2C',
        seq: 1,
        time: 1_700_000_002,
        random: 3,
        msgKey: 'bare_1',
        from: 'droid',
        to: 'ios',
        body: text('ping'),
      },
    });
    await iosBarrier('barrier_4');

    const after = await outcomes();
    expect((after['no-provider'] ?? 0) - (before['no-provider'] ?? 0)).toBe(1);
    expect(apns.requests.some((q) => q.token === 'bare-ios')).toBe(false);
  });
});
