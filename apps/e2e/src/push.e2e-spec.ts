import { Pool } from 'pg';

import { ErrorCode, PushCommands } from '@im/contracts';
import type { AppReply, PushedMessage } from '@im/contracts';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';
import { databaseUrl, waitFor } from '@im/testing';

import { startAppsPlatform } from './support/apps-platform.util';
import type { AppsPlatform } from './support/apps-platform.util';

/**
 * The `all_member_push` commands over HTTP as an app backend sends them (and the legacy
 * `openim/im_push` paths), against account, conn-gateway, push and api-gateway started as
 * processes on servers of this file: field names and shapes of docs/rest-api.md §8, the documented
 * codes, and a tag push reaching real SDK clients.
 */
describe('all_member_push over REST', () => {
  const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
  let setup: AppsPlatform;
  let pg: Pool;
  let app: AppReply;
  let admin: RestAdminClient;
  /** The admin of an app that did not enable the push service. */
  let offAdmin: RestAdminClient;

  const call = (command: string, body: unknown, client = admin): Promise<RestEnvelope> =>
    client.call('all_member_push', command, body);

  async function importUsers(...ids: string[]): Promise<void> {
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
    await waitFor(
      async () =>
        (
          await pg.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM push_users WHERE sdk_app_id = $1 AND user_id = ANY($2)',
            [app.sdkAppId, ids],
          )
        ).rows[0].n === ids.length,
      { timeoutMs: 10_000, message: 'accounts mirrored by push' },
    );
  }

  async function online(userId: string): Promise<PushedMessage[]> {
    const pushes: PushedMessage[] = [];
    const client = setup.sdk.create(app, userId);
    client.on('push', (cmd: string, data: unknown) => {
      if (cmd === PushCommands.Push) pushes.push(data as PushedMessage);
    });
    await client.connect();
    return pushes;
  }

  beforeAll(async () => {
    setup = await startAppsPlatform({
      services: ['account', 'conn-gateway', 'push', 'api-gateway'],
      apps: [
        { name: 'push-e2e', settings: { push: { enabled: true, minIntervalSeconds: 0 } } },
        { name: 'push-off' },
      ],
    });
    [app] = setup.apps;
    [admin, offAdmin] = setup.admins;
    pg = new Pool({
      connectionString: databaseUrl(setup.fixture.servers.postgres.url, 'im_push_e2e_test'),
    });
    // A client still closing when the database is dropped WITH (FORCE) is terminated.
    pg.on('error', () => undefined);
  }, 180_000);

  afterAll(async () => {
    await setup?.sdk.closeAll();
    await pg?.end();
    await setup?.stop();
  });

  it('pushes by tag to exactly the tagged online users and reports it', async () => {
    await importUsers('p-ann', 'p-ben', 'p-cat');
    const ann = await online('p-ann');
    const ben = await online('p-ben');
    expect(
      await call('im_add_tag', {
        UserTags: [
          { To_Account: 'p-ann', Tags: ['vip'] },
          { To_Account: 'p-cat', Tags: ['vip'] },
        ],
      }),
    ).toEqual(OK);

    const pushed = await call('im_push', {
      MsgRandom: 1001,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'members only' } }],
      MsgLifeTime: 0,
      Condition: { TagsOr: ['vip'] },
    });
    expect(pushed).toEqual({ ...OK, TaskId: expect.stringMatching(/^[0-9a-f]{8}_/) });
    const taskId = pushed.TaskId as string;

    await waitFor(() => ann.some((p) => p.taskId === taskId), { timeoutMs: 10_000 });
    const report = await waitFor(
      async () => {
        const r = await call('im_get_push_report', { TaskIds: [taskId] });
        return (r.Reports as { Status: number }[])[0].Status === 2 ? r : null;
      },
      { timeoutMs: 10_000 },
    );
    expect(report).toEqual({
      ...OK,
      Reports: [
        expect.objectContaining({
          TaskId: taskId,
          Status: 2,
          StartTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
          Finished: 2,
          Total: 2,
          OnlineDelivered: 1,
          Stored: 0,
        }),
      ],
    });
    expect(ann.find((p) => p.taskId === taskId)).toMatchObject({
      from: 'administrator',
      body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'members only' } }],
    });
    expect(ben.some((p) => p.taskId === taskId)).toBe(false);
  });

  it('pushes by attribute to exactly the matching users: online at once, offline on login within MsgLifeTime, counted in the report', async () => {
    await importUsers('q-amy', 'q-bob', 'q-cyd', 'q-dan');
    expect(await call('im_set_attr_name', { AttrNames: { '0': 'city', '1': 'tier' } })).toEqual(OK);
    expect(
      await call('im_set_attr', {
        UserAttrs: [
          { To_Account: 'q-amy', Attrs: { city: 'SZ', tier: 'gold' } },
          { To_Account: 'q-bob', Attrs: { city: 'SZ', tier: 'free' } },
          { To_Account: 'q-cyd', Attrs: { city: 'SZ', tier: 'gold' } },
          { To_Account: 'q-dan', Attrs: { city: 'BJ', tier: 'gold' } },
        ],
      }),
    ).toEqual(OK);
    const amy = await online('q-amy');
    const bob = await online('q-bob');
    const dan = await online('q-dan');

    const pushed = await call('im_push', {
      MsgRandom: 2002,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'gold in SZ' } }],
      MsgLifeTime: 3600,
      Condition: { AttrsAnd: { city: 'SZ', tier: 'gold' } },
    });
    expect(pushed).toMatchObject(OK);
    const taskId = pushed.TaskId as string;
    await waitFor(() => amy.some((p) => p.taskId === taskId), { timeoutMs: 10_000 });
    const report = await waitFor(
      async () => {
        const r = await call('im_get_push_report', { TaskIds: [taskId] });
        return (r.Reports as { Status: number }[])[0].Status === 2 ? r : null;
      },
      { timeoutMs: 10_000 },
    );
    // amy online, cyd offline (stored); bob and dan do not match
    expect((report.Reports as object[])[0]).toMatchObject({
      TaskId: taskId,
      Total: 2,
      OnlineDelivered: 1,
      Stored: 1,
    });

    const cyd = await online('q-cyd');
    await waitFor(() => cyd.some((p) => p.taskId === taskId), {
      timeoutMs: 10_000,
      message: 'the stored push on login',
    });
    expect(cyd.find((p) => p.taskId === taskId)).toMatchObject({
      body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'gold in SZ' } }],
    });
    // a later push every online user gets marks the end of what could have arrived
    const marker = await call('im_push', {
      MsgRandom: 2003,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'marker' } }],
      MsgLifeTime: 0,
    });
    const markerId = marker.TaskId as string;
    await waitFor(() => [amy, bob, cyd, dan].every((l) => l.some((p) => p.taskId === markerId)), {
      timeoutMs: 10_000,
      message: 'the marker push',
    });
    expect(amy.filter((p) => p.taskId === taskId)).toHaveLength(1);
    expect(cyd.filter((p) => p.taskId === taskId)).toHaveLength(1);
    expect(bob.some((p) => p.taskId === taskId)).toBe(false);
    expect(dan.some((p) => p.taskId === taskId)).toBe(false);
  });

  it('treats the App admin as an existing account: account_check says Imported and im_push from it is sent', async () => {
    await importUsers('p-dan');
    const dan = await online('p-dan');
    const check = await admin.call('im_open_login_svc', 'account_check', {
      CheckItem: [{ UserID: 'administrator' }, { UserID: 'p-nobody' }],
    });
    expect(check).toEqual({
      ...OK,
      ResultItem: [
        { UserID: 'administrator', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
        { UserID: 'p-nobody', ResultCode: 0, ResultInfo: '', AccountStatus: 'NotImported' },
      ],
    });

    const pushed = await call('im_push', {
      From_Account: 'administrator',
      MsgRandom: 3003,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'from the admin' } }],
    });
    const unknown = await call('im_push', {
      From_Account: 'p-nobody',
      MsgRandom: 3004,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'from nobody' } }],
    });

    expect(pushed).toEqual({ ...OK, TaskId: expect.stringMatching(/^[0-9a-f]{8}_/) });
    expect(unknown).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 90008 });
    await waitFor(() => dan.some((p) => p.taskId === pushed.TaskId), { timeoutMs: 10_000 });
    expect(dan.find((p) => p.taskId === pushed.TaskId)).toMatchObject({ from: 'administrator' });
  });

  it('answers a retried MsgRandom with the same TaskId, also on the legacy openim paths', async () => {
    const body = {
      MsgRandom: 2002,
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: '{"x":1}', Desc: 'custom' } }],
    };
    const first = await call('im_push', body);
    const legacy = await admin.call('openim', 'im_push', body);

    expect(first.ActionStatus).toBe('OK');
    expect(legacy).toEqual({ ...OK, TaskId: first.TaskId });
    expect(
      await admin.call('openim', 'im_get_push_report', { TaskIds: [first.TaskId] }),
    ).toMatchObject({
      ...OK,
      Reports: [{ TaskId: first.TaskId }],
    });
  });

  it('sets and reads attribute names, user attributes and tags with the spec’s field names', async () => {
    expect(await call('im_set_attr_name', { AttrNames: { '0': 'sex', '1': 'city' } })).toEqual(OK);
    expect(await call('im_get_attr_name', {})).toEqual({
      ...OK,
      AttrNames: { '0': 'sex', '1': 'city' },
    });
    expect(
      await call('im_set_attr', {
        UserAttrs: [{ To_Account: 'p-ann', Attrs: { sex: 'f', city: 'SZ' } }],
      }),
    ).toEqual(OK);
    // dobyte's spelling `Attrs` for `UserAttrs`.
    expect(
      await call('im_remove_attr', { Attrs: [{ To_Account: 'p-ann', Attrs: ['sex'] }] }),
    ).toEqual(OK);
    expect(await call('im_get_attr', { To_Account: ['p-ann'] })).toEqual({
      ...OK,
      UserAttrs: [{ To_Account: 'p-ann', Attrs: { city: 'SZ' } }],
    });

    expect(await call('im_add_tag', { Tags: [{ To_Account: 'p-ben', Tags: ['a', 'b'] }] })).toEqual(
      OK,
    );
    expect(
      await call('im_remove_tag', { UserTags: [{ To_Account: 'p-ben', Tags: ['a'] }] }),
    ).toEqual(OK);
    expect(await call('im_get_tag', { To_Account: ['p-ben'] })).toEqual({
      ...OK,
      UserTags: [{ To_Account: 'p-ben', Tags: ['b'] }],
    });
    expect(await call('im_remove_all_tags', { To_Account: ['p-ben'] })).toEqual(OK);
    expect(await call('im_get_tag', { To_Account: ['p-ben'] })).toMatchObject({
      UserTags: [{ To_Account: 'p-ben', Tags: [] }],
    });
  });

  const text = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }];
  it.each([
    ['MsgRandom missing', { MsgBody: text }, ErrorCode.MsgRandomInvalid],
    ['MsgBody not an array', { MsgRandom: 1, MsgBody: 'x' }, ErrorCode.MsgBodyNotArray],
    [
      'an unknown MsgType',
      { MsgRandom: 1, MsgBody: [{ MsgType: 'X', MsgContent: {} }] },
      ErrorCode.MsgBodyFormatInvalid,
    ],
    [
      'MsgLifeTime not an integer',
      { MsgRandom: 1, MsgBody: text, MsgLifeTime: '60' },
      ErrorCode.MsgLifeTimeNotInteger,
    ],
    [
      'MsgLifeTime over 7 days',
      { MsgRandom: 1, MsgBody: text, MsgLifeTime: 604_801 },
      ErrorCode.MsgLifeTimeInvalid,
    ],
    [
      'tags and attributes mixed',
      { MsgRandom: 1, MsgBody: text, Condition: { TagsOr: ['a'], AttrsOr: { sex: 'f' } } },
      ErrorCode.PushMixedConditions,
    ],
    [
      'a tag of 51 bytes',
      { MsgRandom: 1, MsgBody: text, Condition: { TagsOr: ['t'.repeat(51)] } },
      ErrorCode.PushTagTooLong,
    ],
    [
      '11 tags',
      {
        MsgRandom: 1,
        MsgBody: text,
        Condition: { TagsAnd: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      },
      ErrorCode.PushTooManyTags,
    ],
    [
      'a body over 10 KB',
      {
        MsgRandom: 1,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x'.repeat(10_500) } }],
      },
      ErrorCode.PushBodyTooLarge,
    ],
  ])('im_push refuses %s with its code', async (_what, body, code) => {
    expect(await call('im_push', body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
  });

  it.each([
    ['im_get_push_report', 'an empty TaskIds', { TaskIds: [] }, ErrorCode.PushReportTaskIdMissing],
    ['im_get_push_report', 'no TaskIds', {}, ErrorCode.PushReportTaskIdMissing],
    [
      'im_get_push_report',
      '501 task IDs',
      { TaskIds: Array(501).fill('x') },
      ErrorCode.PushReportTooManyTasks,
    ],
    [
      'im_get_push_report',
      'an unknown task',
      { TaskIds: ['00000000_00000001_1_1'] },
      ErrorCode.PushReportTaskIdInvalid,
    ],
    [
      'im_get_tag',
      '101 accounts',
      { To_Account: Array.from({ length: 101 }, (_, i) => `u${i}`) },
      ErrorCode.PushTooManyAccounts,
    ],
    [
      'im_add_tag',
      'an empty tag',
      { UserTags: [{ To_Account: 'p-ann', Tags: [''] }] },
      ErrorCode.PushEmptyTag,
    ],
    [
      'im_set_attr',
      'an undeclared attribute',
      { UserAttrs: [{ To_Account: 'p-ann', Attrs: { nope: 'x' } }] },
      ErrorCode.PushAttributeInvalid,
    ],
    ['im_set_attr_name', 'index 10', { AttrNames: { '10': 'x' } }, ErrorCode.PushAttributeInvalid],
  ])('%s refuses %s with its code', async (command, _what, body, code) => {
    expect(await call(command, body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
  });

  it('answers a body that is not JSON with 90001', async () => {
    expect(
      await admin.call('all_member_push', 'im_push', undefined, { rawBody: '{nope' }),
    ).toMatchObject({ ErrorCode: ErrorCode.OpenimBodyNotJson });
  });

  it('answers 90045 while the push service is not enabled for the app', async () => {
    expect(await call('im_push', { MsgRandom: 1, MsgBody: text }, offAdmin)).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: ErrorCode.PushNotEnabled,
    });
  });
});
