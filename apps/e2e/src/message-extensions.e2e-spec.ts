import { ConversationIds } from '@im/contracts';
import type { AppReply, MsgElement } from '@im/contracts';
import type { ExtensionsChangedEvent, RestAdminClient, RestEnvelope } from '@im/sdk';
import { waitFor } from '@im/testing';

import type { Device } from './messaging.fixture';
import { MessagingFixture } from './messaging.fixture';

const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
let nextRandom = 1;
const rnd = () => nextRandom++;

type Kv = { Key: string; Value: string; Seq: number };

function expectEnvelope(reply: RestEnvelope): void {
  expect(reply.ActionStatus).toBe('OK');
  expect(reply.ErrorCode).toBe(0);
  expect(typeof reply.ErrorInfo).toBe('string');
}

function expectKv(kv: Kv): void {
  expect(typeof kv.Key).toBe('string');
  expect(typeof kv.Value).toBe('string');
  expect(typeof kv.Seq).toBe('number');
}

/** Every documented field of a set answer, by name and type. */
function resultsOf(reply: RestEnvelope): { ErrorCode: number; Extension: Kv }[] {
  expectEnvelope(reply);
  const list = reply.ResultList as { ErrorCode: number; Extension: Kv }[];
  expect(Array.isArray(list)).toBe(true);
  for (const r of list) {
    expect(typeof r.ErrorCode).toBe('number');
    expectKv(r.Extension);
  }
  return list;
}

/** Every documented field of a pull answer, by name and type. */
function pulledOf(reply: RestEnvelope) {
  expectEnvelope(reply);
  expect(typeof reply.CompleteFlag).toBe('number');
  expect(typeof reply.LatestSeq).toBe('number');
  expect(typeof reply.ClearSeq).toBe('number');
  const list = reply.ExtensionList as Kv[];
  list.forEach(expectKv);
  return reply as RestEnvelope & { ExtensionList: Kv[] };
}

/**
 * Message extensions over REST as an app backend written for Tencent's API sends them
 * (openim_msg_ext_http_svc: set_key_values, get_key_values, group_set_key_values,
 * group_get_key_values) and through the SDK: per-key Seq compare-and-set (23001 with the
 * stored value), 23004 for a key not there, the documented limits, `extensions-changed` on the
 * conversation members' devices. Ends with tenant isolation.
 */
describe('message extensions', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let admin: RestAdminClient;
  let n = 0;

  const ext = (command: string, body: unknown, a = admin) =>
    a.call('openim_msg_ext_http_svc', command, body);

  async function users(...names: string[]): Promise<string[]> {
    n++;
    const ids = names.map((name) => `${name}-${n}`);
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
    return ids;
  }

  async function c2cMessage(from: string, to: string): Promise<string> {
    const sent = await admin.ok('openim', 'sendmsg', {
      From_Account: from,
      To_Account: to,
      MsgRandom: rnd(),
      MsgBody: text('vote'),
    });
    return sent.MsgKey as string;
  }

  async function groupMessage(type: string, owner: string, members: string[]) {
    const created = await admin.ok('group_open_http_svc', 'create_group', {
      Type: type,
      Name: `ext ${n}`,
      Owner_Account: owner,
      MemberList: members.map((m) => ({ Member_Account: m })),
    });
    const groupId = created.GroupId as string;
    const sent = await admin.ok('group_open_http_svc', 'send_group_msg', {
      GroupId: groupId,
      From_Account: owner,
      Random: rnd(),
      MsgBody: text('poll'),
    });
    return { groupId, seq: sent.MsgSeq as number };
  }

  function changes(device: Device): ExtensionsChangedEvent[] {
    const got: ExtensionsChangedEvent[] = [];
    device.chat.on('extensions-changed', (e) => got.push(e));
    return got;
  }

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    app = await fixture.createApp({
      name: 'message-ext-e2e',
      settings: { avChatRoomEnabled: true },
    });
    admin = fixture.admin(app);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('set_key_values and get_key_values (C2C)', () => {
    it('sets, compares Seq, deletes, clears and pulls from a Seq, pushing each change', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const msgKey = await c2cMessage(alice, bob);
      const device = await fixture.device(app, bob);
      const got = changes(device);
      const key = { From_Account: alice, To_Account: bob, MsgKey: msgKey };

      const set = resultsOf(
        await ext('set_key_values', {
          ...key,
          OperateType: 1,
          ExtensionList: [
            { Key: 'k1', Value: 'v1', Seq: 0 },
            { Key: 'k2', Value: 'v2', Seq: 0 },
          ],
        }),
      );
      expect(set).toEqual([
        { ErrorCode: 0, Extension: { Key: 'k1', Value: 'v1', Seq: 1 } },
        { ErrorCode: 0, Extension: { Key: 'k2', Value: 'v2', Seq: 1 } },
      ]);
      await waitFor(() => got.length === 1);
      expect(got[0]).toEqual({
        convId: ConversationIds.c2c(alice, bob),
        seq: 1,
        operation: 'set',
        extensions: [
          { key: 'k1', value: 'v1', seq: 1 },
          { key: 'k2', value: 'v2', seq: 1 },
        ],
        latestSeq: 1,
      });

      // a stale Seq: 23001 with the stored value; nothing changes
      expect(
        resultsOf(
          await ext('set_key_values', {
            ...key,
            OperateType: 1,
            ExtensionList: [{ Key: 'k1', Value: 'mine', Seq: 0 }],
          }),
        ),
      ).toEqual([{ ErrorCode: 23001, Extension: { Key: 'k1', Value: 'v1', Seq: 1 } }]);
      // delete at the stored Seq; a key not there answers 23004
      expect(
        resultsOf(
          await ext('set_key_values', {
            ...key,
            OperateType: 2,
            ExtensionList: [
              { Key: 'k2', Value: '', Seq: 1 },
              { Key: 'nope', Value: '', Seq: 0 },
            ],
          }),
        ).map((r) => r.ErrorCode),
      ).toEqual([0, 23004]);
      await waitFor(() => got.length === 2);
      expect(got[1]).toMatchObject({ operation: 'delete', latestSeq: 2 });

      expect(pulledOf(await ext('get_key_values', key))).toMatchObject({
        CompleteFlag: 1,
        LatestSeq: 2,
        ClearSeq: 0,
        ExtensionList: [{ Key: 'k1', Value: 'v1', Seq: 1 }],
      });

      expect(resultsOf(await ext('set_key_values', { ...key, OperateType: 3 }))).toEqual([]);
      await waitFor(() => got.length === 3);
      expect(got[2]).toMatchObject({ operation: 'clear', latestSeq: 3 });
      for (const k of ['k3', 'k4'])
        await ext('set_key_values', {
          ...key,
          OperateType: 1,
          ExtensionList: [{ Key: k, Value: k, Seq: 0 }],
        });
      expect(pulledOf(await ext('get_key_values', { ...key, StartSeq: 5 }))).toMatchObject({
        CompleteFlag: 1,
        LatestSeq: 5,
        ClearSeq: 3,
        ExtensionList: [{ Key: 'k4', Value: 'k4', Seq: 5 }],
      });
    });

    it('answers the documented codes and limits', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const msgKey = await c2cMessage(alice, bob);
      const key = { From_Account: alice, To_Account: bob, MsgKey: msgKey };
      const set = (fields: Record<string, unknown>) =>
        ext('set_key_values', {
          ...key,
          OperateType: 1,
          ExtensionList: [{ Key: 'k', Value: 'v', Seq: 0 }],
          ...fields,
        });

      expect(await set({ From_Account: undefined })).toMatchObject(failure(90008));
      expect(await set({ MsgKey: 'nope' })).toMatchObject(failure(20001));
      expect(await set({ MsgKey: '1_2_3' })).toMatchObject(failure(20001));
      expect(await set({ OperateType: 4 })).toMatchObject(failure(20001));
      expect(await set({ ExtensionList: [] })).toMatchObject(failure(20001));
      expect(
        await set({ ExtensionList: [{ Key: 'k'.repeat(101), Value: 'v', Seq: 0 }] }),
      ).toMatchObject(failure(20001));
      expect(
        await set({ ExtensionList: [{ Key: 'k', Value: 'v'.repeat(1001), Seq: 0 }] }),
      ).toMatchObject(failure(20001));
      expect(
        await set({
          ExtensionList: Array.from({ length: 21 }, (_, i) => ({
            Key: `k${i}`,
            Value: '',
            Seq: 0,
          })),
        }),
      ).toMatchObject(failure(20001));
      expect(
        await set({
          ExtensionList: [
            { Key: 'k', Value: 'a', Seq: 0 },
            { Key: 'k', Value: 'b', Seq: 0 },
          ],
        }),
      ).toMatchObject(failure(20001));

      // 300 keys a message, then no more
      for (let i = 0; i < 300; i += 20)
        resultsOf(
          await set({
            ExtensionList: Array.from({ length: 20 }, (_, j) => ({
              Key: `key${i + j}`,
              Value: 'x',
              Seq: 0,
            })),
          }),
        );
      expect(await set({ ExtensionList: [{ Key: 'one-more', Value: 'x', Seq: 0 }] })).toMatchObject(
        failure(20001),
      );
      const first = pulledOf(await ext('get_key_values', key));
      expect(first).toMatchObject({ CompleteFlag: 0, LatestSeq: 15 });
      expect(first.ExtensionList).toHaveLength(200);
      const rest = pulledOf(await ext('get_key_values', { ...key, StartSeq: 11 }));
      expect(rest).toMatchObject({ CompleteFlag: 1 });
      expect(rest.ExtensionList).toHaveLength(100);
    });
  });

  describe('group_set_key_values and group_get_key_values', () => {
    it('sets and pulls a group message’s key/values, pushed to the members', async () => {
      const [owner, bob] = await users('owner', 'bob');
      const { groupId, seq } = await groupMessage('Public', owner, [bob]);
      const device = await fixture.device(app, bob);
      const got = changes(device);

      const set = resultsOf(
        await ext('group_set_key_values', {
          GroupId: groupId,
          MsgSeq: seq,
          OperateType: 1,
          ExtensionList: [{ Key: 'vote', Value: 'A', Seq: 0 }],
        }),
      );
      expect(set).toEqual([{ ErrorCode: 0, Extension: { Key: 'vote', Value: 'A', Seq: 1 } }]);
      await waitFor(() => got.length === 1);
      expect(got[0]).toMatchObject({
        convId: ConversationIds.group(groupId),
        seq,
        operation: 'set',
        extensions: [{ key: 'vote', value: 'A', seq: 1 }],
      });
      expect(
        resultsOf(
          await ext('group_set_key_values', {
            GroupId: groupId,
            MsgSeq: seq,
            OperateType: 1,
            ExtensionList: [{ Key: 'vote', Value: 'B', Seq: 0 }],
          }),
        ),
      ).toEqual([{ ErrorCode: 23001, Extension: { Key: 'vote', Value: 'A', Seq: 1 } }]);
      expect(
        pulledOf(await ext('group_get_key_values', { GroupId: groupId, MsgSeq: seq })),
      ).toMatchObject({
        CompleteFlag: 1,
        LatestSeq: 1,
        ClearSeq: 0,
        ExtensionList: [{ Key: 'vote', Value: 'A', Seq: 1 }],
      });
    });

    it('answers the documented codes', async () => {
      const [owner, bob] = await users('owner', 'bob');
      const { groupId, seq } = await groupMessage('Public', owner, [bob]);
      const room = await groupMessage('AVChatRoom', owner, []);
      const get = (fields: Record<string, unknown>) =>
        ext('group_get_key_values', { GroupId: groupId, MsgSeq: seq, ...fields });
      expect(await get({ GroupId: 'no-such-group' })).toMatchObject(failure(10010));
      expect(await get({ MsgSeq: 999 })).toMatchObject(failure(10004));
      expect(await get({ GroupId: room.groupId, MsgSeq: 1 })).toMatchObject(failure(10004));
      expect(
        await ext('group_set_key_values', { GroupId: groupId, MsgSeq: seq, OperateType: 1 }),
      ).toMatchObject(failure(10004));
    });
  });

  describe('SDK', () => {
    it('lets members write with compare-and-set and see each other’s changes', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const a = await fixture.device(app, alice);
      const b = await fixture.device(app, bob);
      const seenByB = changes(b);
      const convId = ConversationIds.c2c(alice, bob);
      const sent = await a.chat.sendC2C(bob, text('lunch?'));
      const seq = sent.seq as number;

      const mine = await a.chat.setExtensions(convId, seq, 'set', [
        { key: alice, value: 'yes', seq: 0 },
      ]);
      expect(mine).toEqual({
        results: [{ key: alice, code: 0, extension: { key: alice, value: 'yes', seq: 1 } }],
        latestSeq: 1,
      });
      await waitFor(() => seenByB.length === 1);
      expect(seenByB[0]).toMatchObject({ convId, seq, extensions: [{ key: alice, value: 'yes' }] });

      // bob wrote from a stale view: told the stored value
      const stale = await b.chat.setExtensions(convId, seq, 'set', [
        { key: alice, value: 'no', seq: 0 },
      ]);
      expect(stale.results).toEqual([
        { key: alice, code: 23001, extension: { key: alice, value: 'yes', seq: 1 } },
      ]);
      expect(await b.chat.getExtensions(convId, seq)).toEqual({
        extensions: [{ key: alice, value: 'yes', seq: 1 }],
        isComplete: true,
        latestSeq: 1,
        clearSeq: 0,
      });
      await b.chat.clearExtensions(convId, seq);
      expect(await a.chat.getExtensions(convId, seq)).toMatchObject({
        extensions: [],
        clearSeq: 2,
      });
    });
  });

  describe('tenant isolation (PLT-2)', () => {
    it('never lets one app read or change another app’s extensions with the same IDs', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const msgKey = await c2cMessage(alice, bob);
      const { groupId, seq } = await groupMessage('Public', alice, [bob]);
      const key = { From_Account: alice, To_Account: bob, MsgKey: msgKey };
      await ext('set_key_values', {
        ...key,
        OperateType: 1,
        ExtensionList: [{ Key: 'k', Value: 'a', Seq: 0 }],
      });

      const other = await fixture.createApp({ name: 'message-ext-e2e-other' });
      const otherAdmin = fixture.admin(other);
      await otherAdmin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: [alice, bob] });
      expect(await ext('get_key_values', key, otherAdmin)).toMatchObject(failure(20001));
      expect(
        await ext(
          'set_key_values',
          { ...key, OperateType: 1, ExtensionList: [{ Key: 'k', Value: 'b' }] },
          otherAdmin,
        ),
      ).toMatchObject(failure(20001));
      expect(
        await ext('group_get_key_values', { GroupId: groupId, MsgSeq: seq }, otherAdmin),
      ).toMatchObject(failure(10010));

      expect(pulledOf(await ext('get_key_values', key))).toMatchObject({
        ExtensionList: [{ Key: 'k', Value: 'a', Seq: 1 }],
      });
    });
  });
});
