import type { AppReply, ChatMessage, MsgElement, SystemNotification } from '@im/contracts';
import type { GroupCounterChange, RestAdminClient } from '@im/sdk';
import { waitFor } from '@im/testing';

import { MessagingFixture } from './messaging.fixture';
import type { Device } from './messaging.fixture';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const counter = (Key: string, Value: number) => ({ Key, Value });
const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
let nextRandom = 1;
const rnd = () => nextRandom++;

/**
 * Issue 18 item 4, group commands of Tencent's newer index that answered 60009 before: group
 * counters (`update_group_counter`, `get_group_counter`, `delete_group_counter`) and member bans
 * (`ban_group_member`, `unban_group_member`, `get_group_ban_member`), over HTTP as an app backend
 * written for Tencent's API calls them, against the whole platform started as processes; what
 * members see over WebSocket through the SDK.
 */
describe('group counters and member bans over REST', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let other: AppReply;
  let admin: RestAdminClient;
  let n = 0;

  const group = (command: string, body: unknown, a = admin) =>
    a.call('group_open_http_svc', command, body);

  async function users(...names: string[]): Promise<string[]> {
    n++;
    const ids = names.map((name) => `${name}-${n}`);
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
    return ids;
  }

  async function createGroup(type: string, owner?: string, members: string[] = []) {
    const reply = await group('create_group', {
      Type: type,
      Name: `${type} ${n}`,
      ...(owner && { Owner_Account: owner }),
      ...(members.length && { MemberList: members.map((m) => ({ Member_Account: m })) }),
    });
    expect(reply).toMatchObject(OK);
    return reply.GroupId as string;
  }

  /** A device of `userId` with the notifications and counter changes it hears. */
  async function online(userId: string): Promise<{
    device: Device;
    heard: SystemNotification[];
    counters: GroupCounterChange[];
  }> {
    const device = await fixture.device(app, userId, { connect: false });
    const heard: SystemNotification[] = [];
    const counters: GroupCounterChange[] = [];
    device.chat.on('notify', (s) => heard.push(s));
    device.chat.on('group-counter-changed', (c) => counters.push(c));
    await device.client.connect();
    await device.chat.whenSynced();
    return { device, heard, counters };
  }

  /** `GroupCounter` of a reply, each item checked to be exactly `{Key: string, Value: int}`. */
  function countersOf(reply: Record<string, unknown>): { Key: string; Value: number }[] {
    expect(Array.isArray(reply.GroupCounter)).toBe(true);
    const items = reply.GroupCounter as { Key: string; Value: number }[];
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['Key', 'Value']);
      expect(typeof item.Key).toBe('string');
      expect(Number.isInteger(item.Value)).toBe(true);
    }
    return items;
  }

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    const rooms = { avChatRoomEnabled: true, bChatRoomEnabled: true };
    app = await fixture.createApp({ name: 'group-counters-e2e', settings: rooms });
    other = await fixture.createApp({ name: 'group-counters-e2e-other', settings: rooms });
    admin = fixture.admin(app);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('group counters', () => {
    it('sets, increases, decreases, reads and deletes counters with the documented bodies', async () => {
      const [owner] = await users('owner');
      const groupId = await createGroup('Public', owner);

      const set = await group('update_group_counter', {
        GroupId: groupId,
        GroupCounter: [counter('like', 5), counter('unlike', 1)],
        Mode: 'Set',
      });
      expect(set).toMatchObject(OK);
      expect(countersOf(set)).toEqual([counter('like', 5), counter('unlike', 1)]);

      const inc = await group('update_group_counter', {
        GroupId: groupId,
        GroupCounter: [counter('like', 3), counter('view', 10)],
        Mode: 'Increase',
      });
      expect(countersOf(inc)).toEqual([counter('like', 8), counter('view', 10)]);

      const dec = await group('update_group_counter', {
        GroupId: groupId,
        GroupCounter: [counter('unlike', 4)],
        Mode: 'Decrease',
      });
      expect(countersOf(dec)).toEqual([counter('unlike', -3)]);

      const all = await group('get_group_counter', { GroupId: groupId });
      expect(all).toMatchObject(OK);
      expect(countersOf(all)).toEqual([
        counter('like', 8),
        counter('unlike', -3),
        counter('view', 10),
      ]);
      const some = await group('get_group_counter', {
        GroupId: groupId,
        GroupCounterKeys: ['view', 'like', 'nope'],
      });
      expect(countersOf(some)).toEqual([counter('view', 10), counter('like', 8)]);

      const del = await group('delete_group_counter', {
        GroupId: groupId,
        GroupCounterKeys: ['unlike', 'nope'],
      });
      expect(del).toEqual(OK);
      expect(countersOf(await group('get_group_counter', { GroupId: groupId }))).toEqual([
        counter('like', 8),
        counter('view', 10),
      ]);
    });

    it('keeps increases exact when many arrive at once', async () => {
      const groupId = await createGroup('Public', (await users('owner'))[0]);
      const replies = await Promise.all(
        Array.from({ length: 20 }, () =>
          group('update_group_counter', {
            GroupId: groupId,
            GroupCounter: [counter('hits', 1)],
            Mode: 'Increase',
          }),
        ),
      );
      expect(replies.every((r) => r.ErrorCode === 0)).toBe(true);
      expect(replies.map((r) => countersOf(r)[0].Value).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      expect(countersOf(await group('get_group_counter', { GroupId: groupId }))).toEqual([
        counter('hits', 20),
      ]);
    });

    it('answers the documented codes for the limits and bad input', async () => {
      const groupId = await createGroup('Public', (await users('owner'))[0]);
      const update = (GroupCounter: unknown, Mode: unknown = 'Set', GroupId = groupId) =>
        group('update_group_counter', { GroupId, GroupCounter, Mode });
      const twenty = Array.from({ length: 20 }, (_, i) => counter(`k${i}`, i));
      expect(await update(twenty)).toMatchObject(OK);
      expect(await update([counter('k21', 1)])).toMatchObject(failure(10004));
      expect(
        await update([counter('k'.repeat(129), 1)], 'Set', await createGroup('Public')),
      ).toMatchObject(failure(10004));
      expect(await update([counter('', 1)])).toMatchObject(failure(10004));
      expect(await update([counter('k1', 1)], 'Multiply')).toMatchObject(failure(10004));
      expect(await update([{ Key: 'k1', Value: 'ten' }])).toMatchObject(failure(10004));
      expect(await update([{ Key: 'k1', Value: 1.5 }])).toMatchObject(failure(10004));
      expect(await update([])).toMatchObject(failure(10004));
      expect(await update([counter('k1', 1)], 'Set', '@TGS#nope')).toMatchObject(failure(10010));
      expect(await group('get_group_counter', { GroupId: '@TGS#nope' })).toMatchObject(
        failure(10010),
      );
      expect(await group('delete_group_counter', { GroupId: groupId })).toMatchObject(
        failure(10004),
      );
    });

    it('tells online members the change, who read the counters through the SDK', async () => {
      const [owner, member, outsider] = await users('owner', 'member', 'outsider');
      const groupId = await createGroup('Public', owner, [member]);
      const m = await online(member);
      const o = await online(outsider);

      await group('update_group_counter', {
        GroupId: groupId,
        GroupCounter: [counter('like', 2)],
        Mode: 'Set',
      });
      await group('update_group_counter', {
        GroupId: groupId,
        GroupCounter: [counter('like', 0)],
        Mode: 'Increase',
      }); // no change: nothing told
      await group('update_group_counter', {
        GroupId: groupId,
        GroupCounter: [counter('like', 5)],
        Mode: 'Increase',
      });
      await group('delete_group_counter', { GroupId: groupId, GroupCounterKeys: ['like'] });
      await waitFor(() => m.counters.length >= 3, { timeoutMs: 15_000 });
      expect(m.counters).toEqual([
        { groupId, op: 'set', counters: [{ key: 'like', value: 2 }], deletedKeys: [] },
        { groupId, op: 'increase', counters: [{ key: 'like', value: 7 }], deletedKeys: [] },
        { groupId, op: 'delete', counters: [], deletedKeys: ['like'] },
      ]);
      expect(m.heard.filter((s) => s.kind === 'group.counter-changed')).toHaveLength(3);

      await group('update_group_counter', {
        GroupId: groupId,
        GroupCounter: [counter('a', 1), counter('b', 2)],
        Mode: 'Set',
      });
      expect(await m.device.chat.getGroupCounters(groupId)).toEqual({ a: 1, b: 2 });
      expect(await m.device.chat.getGroupCounters(groupId, ['b'])).toEqual({ b: 2 });
      await expect(o.device.chat.getGroupCounters(groupId)).rejects.toMatchObject({
        code: 10007,
      });
      expect(o.counters).toEqual([]);
    });

    it('tells the sessions in a live room', async () => {
      const [owner, viewer] = await users('owner', 'viewer');
      const groupId = await createGroup('AVChatRoom', owner);
      const v = await online(viewer);
      await v.device.chat.joinRoom(groupId);
      await group('update_group_counter', {
        GroupId: groupId,
        GroupCounter: [counter('viewers', 1)],
        Mode: 'Increase',
      });
      await waitFor(() => v.counters.length === 1, { timeoutMs: 15_000 });
      expect(v.counters[0]).toEqual({
        groupId,
        op: 'increase',
        counters: [{ key: 'viewers', value: 1 }],
        deletedKeys: [],
      });
      expect(await v.device.chat.getGroupCounters(groupId)).toEqual({ viewers: 1 });
    });

    it('keeps counters per app', async () => {
      const [owner] = await users('owner');
      const groupId = `counter-iso-${n}`;
      expect(
        await group('create_group', {
          Type: 'Public',
          Name: 'iso',
          GroupId: groupId,
          Owner_Account: owner,
        }),
      ).toMatchObject(OK);
      await group('update_group_counter', {
        GroupId: groupId,
        GroupCounter: [counter('secret', 42)],
        Mode: 'Set',
      });
      const otherAdmin = fixture.admin(other);
      expect(await group('get_group_counter', { GroupId: groupId }, otherAdmin)).toMatchObject(
        failure(10010),
      );
      expect(
        await group(
          'update_group_counter',
          { GroupId: groupId, GroupCounter: [counter('secret', 0)], Mode: 'Set' },
          otherAdmin,
        ),
      ).toMatchObject(failure(10010));
      expect(
        await group(
          'delete_group_counter',
          { GroupId: groupId, GroupCounterKeys: ['secret'] },
          otherAdmin,
        ),
      ).toMatchObject(failure(10010));
      expect(countersOf(await group('get_group_counter', { GroupId: groupId }))).toEqual([
        counter('secret', 42),
      ]);
    });
  });

  describe('member bans', () => {
    const memberIds = async (groupId: string) =>
      (
        (await group('get_group_member_info', { GroupId: groupId })).MemberList as {
          Member_Account: string;
        }[]
      ).map((m) => m.Member_Account);

    /** `BannedAccountList` of a reply, each item exactly `{Member_Account, BannedUntil}`. */
    function bannedOf(
      reply: Record<string, unknown>,
    ): { Member_Account: string; BannedUntil: number }[] {
      expect(Array.isArray(reply.BannedAccountList)).toBe(true);
      const items = reply.BannedAccountList as { Member_Account: string; BannedUntil: number }[];
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(['BannedUntil', 'Member_Account']);
        expect(typeof item.Member_Account).toBe('string');
        expect(Number.isInteger(item.BannedUntil)).toBe(true);
      }
      expect(Number.isInteger(reply.NextOffset)).toBe(true);
      return items;
    }

    it('removes banned members, keeps them out until unbanned and lists the bans page by page', async () => {
      const [owner, bob, carol, dave] = await users('owner', 'bob', 'carol', 'dave');
      const groupId = await createGroup('Public', owner, [bob, carol]);
      const b = await online(bob);
      const before = Math.floor(Date.now() / 1000);

      const banned = await group('ban_group_member', {
        GroupId: groupId,
        Members_Account: [bob, carol, dave],
        Duration: 3600,
        Description: 'you are banned because of irregularities',
      });
      expect(banned).toEqual(OK);
      expect(await memberIds(groupId)).toEqual([owner]);

      // the banned member is told: removed, then banned with the end and the description
      await waitFor(() => b.heard.some((s) => s.kind === 'group.member-banned'), {
        timeoutMs: 15_000,
      });
      expect(b.heard.map((s) => s.kind)).toEqual(
        expect.arrayContaining(['group.member-kicked', 'group.member-banned']),
      );
      const fact = b.heard.find((s) => s.kind === 'group.member-banned')!.data;
      expect(fact).toMatchObject({
        groupId,
        userIds: [bob, carol, dave],
        description: 'you are banned because of irregularities',
      });
      expect(fact.bannedUntil).toBeGreaterThanOrEqual(before + 3600);

      const page1 = await group('get_group_ban_member', { GroupId: groupId, Limit: 2, Offset: 0 });
      expect(page1).toMatchObject(OK);
      const first = bannedOf(page1);
      expect(first.map((x) => x.Member_Account)).toEqual([bob, carol].sort());
      expect(first[0].BannedUntil).toBe(fact.bannedUntil);
      expect(page1.NextOffset).toBe(2);
      const page2 = await group('get_group_ban_member', { GroupId: groupId, Limit: 2, Offset: 2 });
      expect(bannedOf(page2).map((x) => x.Member_Account)).toEqual([dave]);
      expect(page2.NextOffset).toBe(0);

      // kept out: added (Result 0), applying
      const added = await group('add_group_member', {
        GroupId: groupId,
        MemberList: [{ Member_Account: bob }],
      });
      expect(added.MemberList).toEqual([{ Member_Account: bob, Result: 0 }]);
      await expect(b.device.client.request('group.join', { groupId })).rejects.toMatchObject({
        code: 10007,
      });

      expect(
        await group('unban_group_member', { GroupId: groupId, Members_Account: [bob, 'nobody'] }),
      ).toEqual(OK);
      await waitFor(() => b.heard.some((s) => s.kind === 'group.member-unbanned'), {
        timeoutMs: 15_000,
      });
      expect(
        bannedOf(await group('get_group_ban_member', { GroupId: groupId, Offset: 0 })).map(
          (x) => x.Member_Account,
        ),
      ).toEqual([carol, dave].sort());
      const again = await group('add_group_member', {
        GroupId: groupId,
        MemberList: [{ Member_Account: bob }],
      });
      expect(again.MemberList).toEqual([{ Member_Account: bob, Result: 1 }]);
    });

    it('keeps a banned viewer out of a live room until the ban ends', async () => {
      const [owner, viewer] = await users('owner', 'viewer');
      const groupId = await createGroup('AVChatRoom', owner);
      const v = await online(viewer);
      await v.device.chat.joinRoom(groupId);
      expect(
        await group('ban_group_member', {
          GroupId: groupId,
          Members_Account: [viewer],
          Duration: 4,
        }),
      ).toEqual(OK);
      await waitFor(() => v.heard.some((s) => s.kind === 'group.member-banned'), {
        timeoutMs: 15_000,
      });
      expect(v.heard.find((s) => s.kind === 'group.member-banned')!.data).toMatchObject({
        groupId,
        userIds: [viewer],
        description: '',
      });
      await expect(v.device.chat.joinRoom(groupId)).rejects.toMatchObject({ code: 10007 });

      // the room's messages no longer reach the banned viewer, still reach the others; the
      // C2C message sent after the room message arriving shows the room message did not
      const got: ChatMessage[] = [];
      v.device.chat.on('message', (m) => got.push(m));
      const w = await online((await users('watcher'))[0]);
      const watched: ChatMessage[] = [];
      w.device.chat.on('message', (m) => watched.push(m));
      await w.device.chat.joinRoom(groupId);
      await admin.ok('group_open_http_svc', 'send_group_msg', {
        GroupId: groupId,
        From_Account: owner,
        Random: rnd(),
        MsgBody: text('after the ban'),
      });
      await waitFor(() => watched.length === 1, { timeoutMs: 15_000 });
      await admin.ok('openim', 'sendmsg', {
        From_Account: owner,
        To_Account: viewer,
        MsgRandom: rnd(),
        MsgBody: text('direct'),
      });
      await waitFor(() => got.length >= 1, { timeoutMs: 15_000 });
      expect(got.map((m) => m.body)).toEqual([text('direct')]);

      // the ban ends by itself: the list empties and the viewer gets back in
      await waitFor(
        async () =>
          bannedOf(await group('get_group_ban_member', { GroupId: groupId, Offset: 0 })).length ===
          0,
        { timeoutMs: 15_000 },
      );
      await expect(v.device.chat.joinRoom(groupId)).resolves.toMatchObject({ outcome: 'joined' });
    });

    it('answers the documented codes for the limits and bad input', async () => {
      const [owner, bob] = await users('owner', 'bob');
      const groupId = await createGroup('Public', owner, [bob]);
      const ban = (body: Record<string, unknown>) =>
        group('ban_group_member', {
          GroupId: groupId,
          Members_Account: [bob],
          Duration: 60,
          ...body,
        });
      const many = Array.from({ length: 21 }, (_, i) => `u${i}`);
      expect(await ban({ Members_Account: many })).toMatchObject(failure(10004));
      expect(await ban({ Members_Account: [] })).toMatchObject(failure(10004));
      expect(await ban({ Duration: 0 })).toMatchObject(failure(10004));
      expect(await ban({ Duration: 4294967296 })).toMatchObject(failure(10004));
      expect(await ban({ Description: 'x'.repeat(1001) })).toMatchObject(failure(10004));
      expect(await ban({ Members_Account: [owner] })).toMatchObject(failure(10007));
      expect(await ban({ GroupId: '@TGS#nope' })).toMatchObject(failure(10010));
      expect((await memberIds(groupId)).sort()).toEqual([owner, bob].sort());
      expect(
        await group('unban_group_member', { GroupId: groupId, Members_Account: many }),
      ).toMatchObject(failure(10004));
      expect(
        await group('get_group_ban_member', { GroupId: groupId, Offset: 0, Limit: 101 }),
      ).toMatchObject(failure(10004));
      expect(await group('get_group_ban_member', { GroupId: groupId })).toMatchObject(
        failure(10004),
      );
      expect(
        await group('get_group_ban_member', { GroupId: '@TGS#nope', Offset: 0 }),
      ).toMatchObject(failure(10010));
    });

    it('keeps bans per app', async () => {
      const [owner, bob] = await users('owner', 'bob');
      const groupId = `ban-iso-${n}`;
      expect(
        await group('create_group', {
          Type: 'Public',
          Name: 'iso',
          GroupId: groupId,
          Owner_Account: owner,
          MemberList: [{ Member_Account: bob }],
        }),
      ).toMatchObject(OK);
      const otherAdmin = fixture.admin(other);
      expect(
        await group(
          'ban_group_member',
          { GroupId: groupId, Members_Account: [bob], Duration: 60 },
          otherAdmin,
        ),
      ).toMatchObject(failure(10010));
      expect((await memberIds(groupId)).sort()).toEqual([owner, bob].sort());
      await group('ban_group_member', { GroupId: groupId, Members_Account: [bob], Duration: 60 });
      expect(
        await group('get_group_ban_member', { GroupId: groupId, Offset: 0 }, otherAdmin),
      ).toMatchObject(failure(10010));
      expect(
        await group('unban_group_member', { GroupId: groupId, Members_Account: [bob] }, otherAdmin),
      ).toMatchObject(failure(10010));
      expect(
        bannedOf(await group('get_group_ban_member', { GroupId: groupId, Offset: 0 })).map(
          (x) => x.Member_Account,
        ),
      ).toEqual([bob]);
    });
  });

  describe('get_specified_group_member_info', () => {
    it('answers the named members in the order asked with the documented fields, filtered on demand', async () => {
      const [owner, bob, carol, stranger] = await users('owner', 'bob', 'carol', 'stranger');
      const groupId = await createGroup('Public', owner, [bob, carol]);
      await admin.ok('group_open_http_svc', 'modify_group_member_info', {
        GroupId: groupId,
        Member_Account: carol,
        NameCard: 'Caro',
      });

      const reply = await group('get_specified_group_member_info', {
        GroupId: groupId,
        Member_List_Account: [carol, stranger, owner],
      });
      expect(reply).toMatchObject(OK);
      const list = reply.MemberList as Record<string, unknown>[];
      expect(list.map((m) => m.Member_Account)).toEqual([carol, owner]);
      for (const m of list) {
        expect(Object.keys(m).sort()).toEqual(
          [
            'JoinTime',
            'LastSendMsgTime',
            'Member_Account',
            'MsgFlag',
            'MsgSeq',
            'MuteUntil',
            'NameCard',
            'Role',
            'ShutUpUntil',
          ].sort(),
        );
        expect(typeof m.Member_Account).toBe('string');
        expect(typeof m.Role).toBe('string');
        expect(typeof m.MsgFlag).toBe('string');
        expect(typeof m.NameCard).toBe('string');
        for (const f of ['JoinTime', 'LastSendMsgTime', 'MsgSeq', 'MuteUntil', 'ShutUpUntil'])
          expect(Number.isInteger(m[f])).toBe(true);
      }
      expect(list[0]).toMatchObject({ Role: 'Member', NameCard: 'Caro' });
      expect(list[1]).toMatchObject({ Role: 'Owner' });

      const filtered = await group('get_specified_group_member_info', {
        GroupId: groupId,
        Member_List_Account: [bob],
        MemberInfoFilter: ['Role'],
        AppDefinedDataFilter_GroupMember: [],
      });
      expect(filtered.MemberList).toEqual([
        { Member_Account: bob, Role: 'Member', AppMemberDefinedData: [] },
      ]);
    });

    it('answers the documented codes and keeps members per app', async () => {
      const [owner, bob] = await users('owner', 'bob');
      const groupId = `specified-iso-${n}`;
      expect(
        await group('create_group', {
          Type: 'Public',
          Name: 'iso',
          GroupId: groupId,
          Owner_Account: owner,
          MemberList: [{ Member_Account: bob }],
        }),
      ).toMatchObject(OK);
      const ask = (body: Record<string, unknown>, a = admin) =>
        group(
          'get_specified_group_member_info',
          { GroupId: groupId, Member_List_Account: [bob], ...body },
          a,
        );
      const many = Array.from({ length: 51 }, (_, i) => `u${i}`);
      expect(await ask({ Member_List_Account: many })).toMatchObject(failure(10004));
      expect(await ask({ Member_List_Account: [] })).toMatchObject(failure(10004));
      expect(await ask({ Member_List_Account: 'bob' })).toMatchObject(failure(10004));
      expect(await ask({ GroupId: '@TGS#nope' })).toMatchObject(failure(10010));
      expect(await ask({}, fixture.admin(other))).toMatchObject(failure(10010));
      const room = await createGroup('AVChatRoom', owner);
      expect(await ask({ GroupId: room })).toMatchObject(failure(10007));
    });
  });

  describe('group_open_avchatroom_http_svc/get_members', () => {
    const getMembers = (body: Record<string, unknown>, a = admin) =>
      a.call('group_open_avchatroom_http_svc', 'get_members', body);

    it('answers a live room’s members in join order with the documented fields', async () => {
      const [owner, ann, ben] = await users('owner', 'ann', 'ben');
      await admin.ok('profile', 'portrait_set', {
        From_Account: ann,
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Nick', Value: 'Ann' },
          { Tag: 'Tag_Profile_IM_Image', Value: 'https://example.com/ann.png' },
        ],
      });
      const before = Math.floor(Date.now() / 1000);
      const groupId = await createGroup('AVChatRoom', owner);
      for (const u of [ann, ben]) await (await online(u)).device.chat.joinRoom(groupId);

      const reply = await getMembers({ GroupId: groupId, Timestamp: 0 });
      expect(reply).toMatchObject(OK);
      expect(reply.NextTimestamp).toBe(0);
      const list = reply.MemberList as Record<string, unknown>[];
      for (const m of list) {
        expect(Object.keys(m).sort()).toEqual(['Avatar', 'JoinTime', 'Member_Account', 'NickName']);
        expect(typeof m.Member_Account).toBe('string');
        expect(typeof m.NickName).toBe('string');
        expect(typeof m.Avatar).toBe('string');
        expect(Number.isInteger(m.JoinTime)).toBe(true);
        expect(m.JoinTime).toBeGreaterThanOrEqual(before);
      }
      const viewers = list.filter((m) => m.Member_Account !== owner);
      expect(viewers).toEqual([
        {
          Member_Account: ann,
          JoinTime: expect.any(Number),
          NickName: 'Ann',
          Avatar: 'https://example.com/ann.png',
        },
        { Member_Account: ben, JoinTime: expect.any(Number), NickName: '', Avatar: '' },
      ]);
      const later = await getMembers({ GroupId: groupId, Timestamp: Date.now() + 3_600_000 });
      expect(later).toMatchObject({ ...OK, MemberList: [], NextTimestamp: 0 });
    });

    it('answers the documented codes and keeps rooms per app', async () => {
      const [owner] = await users('owner');
      const room = await createGroup('AVChatRoom', owner);
      const table = await createGroup('Public', owner);
      expect(await getMembers({ GroupId: room })).toMatchObject(failure(10004));
      expect(await getMembers({ GroupId: room, Timestamp: -1 })).toMatchObject(failure(10004));
      expect(await getMembers({ GroupId: room, Timestamp: 0, Mark: 'vip' })).toMatchObject(
        failure(10004),
      );
      expect(await getMembers({ GroupId: room, Timestamp: 0, Mark: -1 })).toMatchObject(
        failure(10004),
      );
      expect(await getMembers({ GroupId: table, Timestamp: 0 })).toMatchObject(failure(10007));
      expect(await getMembers({ GroupId: '@TGS#nope', Timestamp: 0 })).toMatchObject(
        failure(10010),
      );
      expect(await getMembers({ GroupId: room, Timestamp: 0 }, fixture.admin(other))).toMatchObject(
        failure(10010),
      );
    });
  });

  describe('clear_group_msg', () => {
    const sendText = async (groupId: string, from: string, t: string) => {
      const reply = await admin.ok('group_open_http_svc', 'send_group_msg', {
        GroupId: groupId,
        From_Account: from,
        Random: rnd(),
        MsgBody: text(t),
      });
      return reply.MsgSeq as number;
    };
    /** What a member's history (msg.pull, newest first) answers, as texts oldest first. */
    const history = async (device: Device, groupId: string) =>
      (
        await device.client.request<{ messages: ChatMessage[] }>('msg.pull', {
          convId: `group:${groupId}`,
          fromSeq: 1000,
          limit: 100,
          order: 'desc',
        })
      ).messages
        .sort((a, b) => a.seq - b.seq)
        .map((m) => (m.body[0].MsgContent as { Text: string }).Text);

    it('leaves the messages up to MsgSeq, or all, out of the members’ history; the App admin still reads them', async () => {
      const [owner, member] = await users('owner', 'member');
      const groupId = await createGroup('Public', owner, [member]);
      const m = await online(member);
      await sendText(groupId, owner, 'one');
      const two = await sendText(groupId, owner, 'two');
      await sendText(groupId, owner, 'three');
      expect(await history(m.device, groupId)).toEqual(['one', 'two', 'three']);

      const cleared = await group('clear_group_msg', { GroupId: groupId, MsgSeq: two });
      expect(cleared).toEqual(OK);
      expect(await history(m.device, groupId)).toEqual(['three']);
      const page = await m.device.chat.getHistory(`group:${groupId}`, { fromSeq: two });
      expect(page.messages).toEqual([]);

      const admins = await group('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 10 });
      expect((admins.RspMsgList as unknown[]).length).toBe(3);

      expect(await group('clear_group_msg', { GroupId: groupId })).toEqual(OK);
      expect(await history(m.device, groupId)).toEqual([]);
      // a lower MsgSeq later does not bring anything back; new messages are seen
      expect(await group('clear_group_msg', { GroupId: groupId, MsgSeq: 1 })).toEqual(OK);
      await sendText(groupId, owner, 'four');
      expect(await history(m.device, groupId)).toEqual(['four']);
    });

    it('answers the documented codes and keeps groups per app', async () => {
      const [owner, member] = await users('owner', 'member');
      const groupId = await createGroup('Public', owner, [member]);
      await sendText(groupId, owner, 'kept');
      const clear = (body: Record<string, unknown>, a = admin) =>
        group('clear_group_msg', { GroupId: groupId, ...body }, a);
      expect(await clear({ MsgSeq: 0 })).toMatchObject(failure(10004));
      expect(await clear({ MsgSeq: 'x' })).toMatchObject(failure(10004));
      expect(await clear({ GroupId: 7 })).toMatchObject(failure(10004));
      expect(await clear({ GroupId: '@TGS#nope' })).toMatchObject(failure(10010));
      expect(await clear({ GroupId: await createGroup('AVChatRoom', owner) })).toMatchObject(
        failure(10007),
      );
      expect(await clear({}, fixture.admin(other))).toMatchObject(failure(10010));
      // neither the refusals nor the other app's call cleared anything
      const m = await online(member);
      expect(await history(m.device, groupId)).toEqual(['kept']);
    });
  });

  describe('send_broadcast_msg', () => {
    /** A device of `userId` and the messages it receives. */
    async function receiver(userId: string, a = app) {
      const device = await fixture.device(a, userId, { connect: false });
      const got: ChatMessage[] = [];
      device.chat.on('message', (m) => got.push(m));
      await device.client.connect();
      await device.chat.whenSynced();
      return { device, got };
    }
    const texts = (got: ChatMessage[]) =>
      got.map((m) => `${m.convId} ${(m.body[0].MsgContent as { Text: string }).Text}`);

    it('sends one message to every live room of the app, and to nothing else', async () => {
      const [owner, v1, v2, member] = await users('owner', 'v1', 'v2', 'member');
      const room1 = await createGroup('AVChatRoom', owner);
      const room2 = await createGroup('AVChatRoom', owner);
      const work = await createGroup('Public', owner, [member]);
      const a = await receiver(v1);
      const b = await receiver(v2);
      const c = await receiver(member);
      await a.device.chat.joinRoom(room1);
      await b.device.chat.joinRoom(room2);

      const reply = await group('send_broadcast_msg', {
        From_Account: owner,
        Random: rnd(),
        MsgBody: text('to every room'),
      });
      expect(reply).toEqual(OK);
      await waitFor(() => a.got.length === 1 && b.got.length === 1, { timeoutMs: 15_000 });
      expect(texts(a.got)).toEqual([`group:${room1} to every room`]);
      expect(texts(b.got)).toEqual([`group:${room2} to every room`]);
      expect(a.got[0]).toMatchObject({ from: owner });

      // the member of the Public group got nothing: a later message to it arrives alone
      await group('send_group_msg', { GroupId: work, Random: rnd(), MsgBody: text('later') });
      await waitFor(() => c.got.length >= 1, { timeoutMs: 15_000 });
      expect(texts(c.got)).toEqual([`group:${work} later`]);
    });

    it('answers the documented codes and stays within its app', async () => {
      const [owner, viewer] = await users('owner', 'viewer');
      const room = await createGroup('AVChatRoom', owner);
      const v = await receiver(viewer);
      await v.device.chat.joinRoom(room);
      const send = (body: Record<string, unknown>, a = admin) =>
        group('send_broadcast_msg', { Random: rnd(), MsgBody: text('x'), ...body }, a);
      expect(await send({ MsgBody: [] })).toMatchObject(failure(10004));
      expect(await send({ Random: 'r' })).toMatchObject(failure(10004));
      expect(await send({ From_Account: 'never-imported' })).toMatchObject(failure(10019));

      // the other app's broadcast does not reach this app's rooms: this app's own arrives alone
      expect(await send({ MsgBody: text('other app') }, fixture.admin(other))).toEqual(OK);
      expect(await send({ MsgBody: text('this app') })).toEqual(OK);
      await waitFor(() => v.got.length >= 1, { timeoutMs: 15_000 });
      expect(texts(v.got)).toEqual([`group:${room} this app`]);
    });
  });

  describe('group_open_avchatroom_http_svc/check_members', () => {
    const check = (body: Record<string, unknown>, a = admin) =>
      a.call('group_open_avchatroom_http_svc', 'check_members', body);

    it('answers which of the asked users are in the live room, and the documented codes', async () => {
      const [owner, inside, left, outside] = await users('owner', 'inside', 'left', 'outside');
      const room = await createGroup('AVChatRoom', owner);
      await (await online(inside)).device.chat.joinRoom(room);
      const l = await online(left);
      await l.device.chat.joinRoom(room);
      await l.device.chat.leaveRoom(room);

      const reply = await check({ GroupId: room, Member_Account: [outside, inside, left, owner] });
      expect(reply).toMatchObject(OK);
      expect(Array.isArray(reply.Member_Account)).toBe(true);
      expect(reply.Member_Account).toEqual([inside, owner]);

      const many = Array.from({ length: 501 }, (_, i) => `u${i}`);
      expect(await check({ GroupId: room, Member_Account: many })).toMatchObject(failure(10004));
      expect(await check({ GroupId: room, Member_Account: [] })).toMatchObject(failure(10004));
      expect(await check({ GroupId: room })).toMatchObject(failure(10004));
      const table = await createGroup('Public', owner);
      expect(await check({ GroupId: table, Member_Account: [owner] })).toMatchObject(
        failure(10007),
      );
      expect(await check({ GroupId: '@TGS#nope', Member_Account: [owner] })).toMatchObject(
        failure(10010),
      );
      expect(
        await check({ GroupId: room, Member_Account: [inside] }, fixture.admin(other)),
      ).toMatchObject(failure(10010));
    });
  });

  describe('group_open_avchatroom_http_svc/modify_user_info (member marks)', () => {
    const room = (command: string, body: Record<string, unknown>, a = admin) =>
      a.call('group_open_avchatroom_http_svc', command, body);
    const marks = (
      GroupId: string,
      CommandType: number,
      MemberList: { Member_Account: string; Marks: number[] }[],
      a = admin,
    ) => room('modify_user_info', { GroupId, CommandType, MemberList }, a);
    const listed = async (GroupId: string, Mark?: number) => {
      const reply = await room('get_members', {
        GroupId,
        Timestamp: 0,
        ...(Mark !== undefined && { Mark }),
      });
      expect(reply).toMatchObject({ ...OK, NextTimestamp: 0 });
      return reply.MemberList as Record<string, unknown>[];
    };

    it('sets and deletes marks of members; get_members answers them and filters by Mark; they go when the member leaves', async () => {
      const [owner, teacher, pupil, other1, outside] = await users(
        'owner',
        'teacher',
        'pupil',
        'other1',
        'outside',
      );
      const groupId = await createGroup('AVChatRoom', owner);
      const devices = new Map<string, Device>();
      for (const u of [teacher, pupil, other1]) {
        const { device } = await online(u);
        await device.chat.joinRoom(groupId);
        devices.set(u, device);
      }

      const set = await marks(groupId, 1, [
        { Member_Account: teacher, Marks: [1000] },
        { Member_Account: pupil, Marks: [1001, 1002] },
        { Member_Account: outside, Marks: [1000] },
      ]);
      expect(set).toEqual({
        ...OK,
        CommandType: 1,
        MemberList: [
          { Member_Account: teacher, Marks: [1000] },
          { Member_Account: pupil, Marks: [1001, 1002] },
        ],
      });
      const all = await listed(groupId);
      for (const m of all) {
        const keys = ['Avatar', 'JoinTime', 'Member_Account', 'NickName'];
        if (m.Marks) keys.push('Marks');
        expect(Object.keys(m).sort()).toEqual(keys.sort());
      }
      expect(Object.fromEntries(all.map((m) => [m.Member_Account, m.Marks]))).toEqual({
        [owner]: undefined,
        [teacher]: [1000],
        [pupil]: [1001, 1002],
        [other1]: undefined,
      });
      expect((await listed(groupId, 1000)).map((m) => m.Member_Account)).toEqual([teacher]);
      expect((await listed(groupId, 1002)).map((m) => m.Member_Account)).toEqual([pupil]);
      expect(await listed(groupId, 4242)).toEqual([]);

      expect(await marks(groupId, 1, [{ Member_Account: teacher, Marks: [1002] }])).toMatchObject(
        OK,
      );
      expect((await listed(groupId, 1002)).map((m) => m.Member_Account)).toEqual([teacher, pupil]);
      const del = await marks(groupId, 2, [{ Member_Account: pupil, Marks: [1001, 1002] }]);
      expect(del).toEqual({
        ...OK,
        CommandType: 2,
        MemberList: [{ Member_Account: pupil, Marks: [1001, 1002] }],
      });
      expect((await listed(groupId, 1002)).map((m) => m.Member_Account)).toEqual([teacher]);
      expect(await listed(groupId, 1001)).toEqual([]);

      await devices.get(teacher)?.chat.leaveRoom(groupId);
      await devices.get(teacher)?.chat.joinRoom(groupId);
      expect(await listed(groupId, 1000)).toEqual([]);
      expect(await listed(groupId, 1002)).toEqual([]);
    });

    it('answers the documented codes and limits, and keeps marks per app', async () => {
      const [owner, v1, v2] = await users('owner', 'v1', 'v2');
      const groupId = await createGroup('AVChatRoom', owner);
      for (const u of [v1, v2]) await (await online(u)).device.chat.joinRoom(groupId);
      const one = [{ Member_Account: v1, Marks: [1000] }];

      const ten = Array.from({ length: 10 }, (_, i) => 2000 + i);
      expect(await marks(groupId, 1, [{ Member_Account: v1, Marks: ten }])).toMatchObject(OK);
      // an eleventh different mark in the room: refused, nothing changed
      expect(
        await marks(groupId, 1, [
          { Member_Account: v2, Marks: [2000] },
          { Member_Account: v2, Marks: [3000] },
        ]),
      ).toMatchObject(failure(10004));
      expect(await listed(groupId, 2000)).toEqual([
        expect.objectContaining({ Member_Account: v1 }),
      ]);
      expect(await marks(groupId, 1, [{ Member_Account: v2, Marks: [2009] }])).toMatchObject(OK);
      expect(await marks(groupId, 1, [{ Member_Account: v1, Marks: [999] }])).toMatchObject(
        failure(10004),
      );
      expect(await marks(groupId, 1, [{ Member_Account: v1, Marks: [] }])).toMatchObject(
        failure(10004),
      );
      expect(await marks(groupId, 3, one)).toMatchObject(failure(10004));
      expect(await marks(groupId, 1, [])).toMatchObject(failure(10004));
      const many = Array.from({ length: 501 }, (_, i) => ({
        Member_Account: `u${i}`,
        Marks: [1000],
      }));
      expect(await marks(groupId, 1, many)).toMatchObject(failure(10004));
      expect(await room('modify_user_info', { GroupId: groupId, CommandType: 1 })).toMatchObject(
        failure(10004),
      );
      expect(await marks(await createGroup('Public', owner), 1, one)).toMatchObject(failure(10007));
      expect(await marks('@TGS#nope', 1, one)).toMatchObject(failure(10010));
      expect(await marks(groupId, 1, one, fixture.admin(other))).toMatchObject(failure(10010));
      expect(
        await room(
          'get_members',
          { GroupId: groupId, Timestamp: 0, Mark: 2009 },
          fixture.admin(other),
        ),
      ).toMatchObject(failure(10010));
      expect((await listed(groupId, 2009)).map((m) => m.Member_Account)).toEqual([v1, v2]);
    });
  });

  describe('group_open_avchatroom_http_svc/modify_admin and get_admin_list', () => {
    const room = (command: string, body: Record<string, unknown>, a = admin) =>
      a.call('group_open_avchatroom_http_svc', command, body);

    it('makes accounts Admins of a live room, who then mute viewers; lists them with nick and avatar', async () => {
      const [owner, mod, viewer, away] = await users('owner', 'mod', 'viewer', 'away');
      await admin.ok('profile', 'portrait_set', {
        From_Account: mod,
        ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Moderator' }],
      });
      const groupId = await createGroup('AVChatRoom', owner);
      const m = await online(mod);
      await m.device.chat.joinRoom(groupId);
      await (await online(viewer)).device.chat.joinRoom(groupId);
      const mute = () =>
        m.device.client.command('group.mute-members', {
          groupId,
          userIds: [viewer],
          muteTime: 60,
        });
      await expect(mute()).rejects.toMatchObject({ code: 10007 });

      expect(
        await room('modify_admin', {
          GroupId: groupId,
          CommandType: 1,
          Admin_Account: [mod, away],
        }),
      ).toEqual(OK);
      const list = await room('get_admin_list', { GroupId: groupId });
      expect(list).toMatchObject(OK);
      // in the order they were set, then by user ID
      expect(list.Admin_List).toEqual([
        { Admin_Account: away, Avatar: '', NickName: '' },
        { Admin_Account: mod, Avatar: '', NickName: 'Moderator' },
      ]);
      expect(
        await m.device.client.command('group.get-roles', { groupId, userIds: [mod, viewer] }),
      ).toEqual({
        roles: [
          { userId: mod, role: 'Admin' },
          { userId: viewer, role: 'Member' },
        ],
      });
      await expect(mute()).resolves.toBeDefined();

      expect(
        await room('modify_admin', { GroupId: groupId, CommandType: 2, Admin_Account: [mod] }),
      ).toEqual(OK);
      expect((await room('get_admin_list', { GroupId: groupId })).Admin_List).toEqual([
        { Admin_Account: away, Avatar: '', NickName: '' },
      ]);
      await expect(mute()).rejects.toMatchObject({ code: 10007 });
    });

    it('answers the documented codes and keeps administrators per app', async () => {
      const [owner, a1] = await users('owner', 'a1');
      const groupId = await createGroup('AVChatRoom', owner);
      const modify = (body: Record<string, unknown>, a = admin) =>
        room('modify_admin', { GroupId: groupId, CommandType: 1, Admin_Account: [a1], ...body }, a);
      const six = Array.from({ length: 6 }, (_, i) => `m${i}`);
      expect(await modify({ Admin_Account: six })).toMatchObject(failure(10004));
      expect(await modify({ CommandType: 3 })).toMatchObject(failure(10004));
      expect(await modify({ Admin_Account: [owner] })).toMatchObject(failure(10004));
      expect(await modify({ Admin_Account: ['x1', 'x2', 'x3'] })).toEqual(OK);
      expect(await modify({ Admin_Account: ['x4', 'x5', 'x6'] })).toMatchObject(failure(10004));
      expect(await modify({ GroupId: await createGroup('Public', owner) })).toMatchObject(
        failure(10007),
      );
      expect(await modify({ GroupId: '@TGS#nope' })).toMatchObject(failure(10010));
      expect(await modify({}, fixture.admin(other))).toMatchObject(failure(10010));
      expect(
        await room('get_admin_list', { GroupId: groupId }, fixture.admin(other)),
      ).toMatchObject(failure(10010));
      expect(
        (
          (await room('get_admin_list', { GroupId: groupId })).Admin_List as {
            Admin_Account: string;
          }[]
        ).map((x) => x.Admin_Account),
      ).toEqual(['x1', 'x2', 'x3']);
    });
  });
});
