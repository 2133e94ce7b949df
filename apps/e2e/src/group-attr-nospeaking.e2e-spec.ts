import { AfterCallbackCommands } from '@im/contracts';
import type { AppReply, MsgElement, SystemNotification } from '@im/contracts';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';
import { waitFor } from '@im/testing';

import { CallbackBackend } from './callback-backend';
import { MessagingFixture } from './messaging.fixture';
import type { Device } from './messaging.fixture';

const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const PERMANENT = 4294967295;
let nextRandom = 1;
const rnd = () => nextRandom++;
const attr = (key: string, value: string) => ({ key, value });

/**
 * Issue 12 point 5, commands that answered 60009 before: the group attribute commands
 * (`get_group_attr` under `group_open_attr_http_svc`, `set_group_attr`, `modify_group_attr`,
 * `clear_group_attr`, `delete_group_attr`) and the global mute (`openconfigsvr/setnospeaking`,
 * `getnospeaking`), over HTTP as an app backend written for Tencent's API calls them, against
 * the whole platform started as processes; the attribute push and the mute's enforcement seen
 * by SDK clients over WebSocket.
 */
describe('group attributes and global mute over REST', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let other: AppReply;
  let admin: RestAdminClient;
  let n = 0;

  const group = (command: string, body: unknown, a = admin) =>
    a.call('group_open_http_svc', command, body);
  const getAttr = (groupId: string, a = admin) =>
    a.call('group_open_attr_http_svc', 'get_group_attr', { GroupId: groupId });
  const config = (command: string, body: unknown, a = admin) =>
    a.call('openconfigsvr', command, body);

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

  /** A device of `userId` and the group.attr-changed notifications it hears. */
  async function online(userId: string): Promise<{ device: Device; heard: SystemNotification[] }> {
    const device = await fixture.device(app, userId, { connect: false });
    const heard: SystemNotification[] = [];
    device.chat.on('notify', (s) => {
      if (s.kind === 'group.attr-changed') heard.push(s);
    });
    await device.client.connect();
    await device.chat.whenSynced();
    return { device, heard };
  }

  const attrsOf = (reply: RestEnvelope) => reply.GroupAttrAry as { key: string; value: string }[];

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    const rooms = { avChatRoomEnabled: true, bChatRoomEnabled: true };
    app = await fixture.createApp({ name: 'group-attr-e2e', settings: rooms });
    other = await fixture.createApp({ name: 'group-attr-e2e-other', settings: rooms });
    admin = fixture.admin(app);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('with the app’s callbacks on', () => {
    let backend: CallbackBackend;
    let cbApp: AppReply;
    let cbAdmin: RestAdminClient;

    beforeAll(async () => {
      backend = await CallbackBackend.start();
      cbApp = await fixture.createApp({
        name: 'group-attr-e2e-callbacks',
        settings: {
          callbacks: {
            url: backend.url,
            enabledCommands: [
              ...AfterCallbackCommands,
              'C2C.CallbackBeforeSendMsg',
              'Group.CallbackBeforeSendMsg',
            ],
          },
        },
      });
      cbAdmin = fixture.admin(cbApp);
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('reports attribute writes as Group.CallbackAfterGroupAttrChanged', async () => {
      await cbAdmin.ok('im_open_login_svc', 'account_import', { UserID: 'cb-owner' });
      const created = await cbAdmin.ok('group_open_http_svc', 'create_group', {
        Type: 'Public',
        Name: 'cb',
        Owner_Account: 'cb-owner',
      });
      const groupId = created.GroupId as string;
      await cbAdmin.ok('group_open_http_svc', 'set_group_attr', {
        GroupId: groupId,
        GroupAttr: [attr('a', '1')],
      });
      await cbAdmin.ok('group_open_http_svc', 'delete_group_attr', {
        GroupId: groupId,
        GroupAttr: [{ key: 'a' }],
      });
      const set = await backend.next(
        'Group.CallbackAfterGroupAttrChanged',
        (b) => b.OptionType === 'set',
      );
      expect(set.body).toEqual({
        CallbackCommand: 'Group.CallbackAfterGroupAttrChanged',
        GroupId: groupId,
        Type: 'Public',
        Operator_Account: cbApp.adminIdentifiers[0],
        OptionType: 'set',
        GroupAttr: [attr('a', '1')],
        EventTime: expect.any(Number),
      });
      const removed = await backend.next(
        'Group.CallbackAfterGroupAttrChanged',
        (b) => b.OptionType === 'delete',
      );
      expect(removed.body).toMatchObject({ GroupAttr: [{ key: 'a' }] });
    });

    it('does not ask the before-send callback about a muted sender’s message', async () => {
      await cbAdmin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ['cb-a', 'cb-b'] });
      await cbAdmin.ok('openconfigsvr', 'setnospeaking', {
        Set_Account: 'cb-a',
        C2CmsgNospeakingTime: 600,
      });
      const reply = await cbAdmin.call('openim', 'sendmsg', {
        From_Account: 'cb-a',
        To_Account: 'cb-b',
        MsgRandom: rnd(),
        MsgBody: text('muted'),
      });
      expect(reply).toMatchObject(failure(20012));
      await cbAdmin.ok('openim', 'sendmsg', {
        From_Account: 'cb-b',
        To_Account: 'cb-a',
        MsgRandom: rnd(),
        MsgBody: text('allowed'),
      });
      await backend.next('C2C.CallbackBeforeSendMsg', (b) => b.From_Account === 'cb-b');
      expect(backend.all('C2C.CallbackBeforeSendMsg', (b) => b.From_Account === 'cb-a')).toEqual(
        [],
      );
    });
  });

  describe('group attributes', () => {
    it('sets (replacing all), modifies (upserting), deletes and clears, read back by get_group_attr', async () => {
      const [owner] = await users('owner');
      const groupId = await createGroup('Public', owner);

      expect(await getAttr(groupId)).toEqual({ ...OK, GroupAttrAry: [] });
      const set = await group('set_group_attr', {
        GroupId: groupId,
        GroupAttr: [attr('attr_key', 'attr_val'), attr('attr_key1', 'attr_val1')],
      });
      expect(set).toEqual(OK);
      const read = await getAttr(groupId);
      expect(read).toMatchObject(OK);
      expect(Array.isArray(read.GroupAttrAry)).toBe(true);
      for (const item of attrsOf(read)) {
        expect(Object.keys(item).sort()).toEqual(['key', 'value']);
        expect(typeof item.key).toBe('string');
        expect(typeof item.value).toBe('string');
      }
      expect(attrsOf(read)).toEqual([attr('attr_key', 'attr_val'), attr('attr_key1', 'attr_val1')]);

      // set replaces everything: attr_key1 is gone.
      expect(
        await group('set_group_attr', { GroupId: groupId, GroupAttr: [attr('attr_key', 'v2')] }),
      ).toEqual(OK);
      expect(attrsOf(await getAttr(groupId))).toEqual([attr('attr_key', 'v2')]);

      // modify upserts the given keys and keeps the others.
      expect(
        await group('modify_group_attr', {
          GroupId: groupId,
          GroupAttr: [attr('attr_key', 'v3'), attr('new', 'n')],
        }),
      ).toEqual(OK);
      expect(attrsOf(await getAttr(groupId))).toEqual([attr('attr_key', 'v3'), attr('new', 'n')]);

      expect(
        await group('delete_group_attr', { GroupId: groupId, GroupAttr: [{ key: 'attr_key' }] }),
      ).toEqual(OK);
      expect(attrsOf(await getAttr(groupId))).toEqual([attr('new', 'n')]);

      expect(await group('clear_group_attr', { GroupId: groupId })).toEqual(OK);
      expect(await getAttr(groupId)).toEqual({ ...OK, GroupAttrAry: [] });
    });

    it('keeps Unicode byte-exact, counts limits in UTF-8 bytes and refuses U+0000 (10004)', async () => {
      const groupId = await createGroup('ChatRoom', (await users('o'))[0]);
      const value = 'ä€😀'.repeat(400); // 400 × 9 bytes = 3,600 bytes
      expect(
        await group('set_group_attr', { GroupId: groupId, GroupAttr: [attr('ключ', value)] }),
      ).toEqual(OK);
      expect(attrsOf(await getAttr(groupId))).toEqual([attr('ключ', value)]);
      // 'é' is 2 bytes: 17 of them are 34 bytes, over the 32-byte key limit.
      expect(
        await group('modify_group_attr', {
          GroupId: groupId,
          GroupAttr: [attr('é'.repeat(17), 'x')],
        }),
      ).toMatchObject(failure(10045));
      // 1,335 × '€' (3 bytes each) = 4,005 bytes: over the 4,000-byte value limit.
      expect(
        await group('modify_group_attr', {
          GroupId: groupId,
          GroupAttr: [attr('k', '€'.repeat(1335))],
        }),
      ).toMatchObject(failure(10046));
      expect(
        await group('modify_group_attr', { GroupId: groupId, GroupAttr: [attr('k', 'a\u0000b')] }),
      ).toMatchObject(failure(10004));
      expect(attrsOf(await getAttr(groupId))).toEqual([attr('ключ', value)]);
    });

    it('answers the documented codes for every limit and bad input', async () => {
      const groupId = await createGroup('Public', (await users('o'))[0]);
      const keys = (count: number) =>
        Array.from({ length: count }, (_, i) => attr(`k${i}`, `v${i}`));
      const cases: [string, unknown, number][] = [
        ['set_group_attr', { GroupId: groupId, GroupAttr: keys(17) }, 10047],
        ['set_group_attr', { GroupId: groupId, GroupAttr: [attr('k'.repeat(33), 'v')] }, 10045],
        ['set_group_attr', { GroupId: groupId, GroupAttr: [attr('k', 'v'.repeat(4001))] }, 10046],
        [
          'set_group_attr',
          {
            GroupId: groupId,
            GroupAttr: ['a', 'b', 'c', 'd', 'e'].map((k) => attr(k, 'v'.repeat(4000))),
          },
          10048,
        ],
        ['set_group_attr', { GroupId: groupId, GroupAttr: [attr('', 'v')] }, 10004],
        [
          'set_group_attr',
          { GroupId: groupId, GroupAttr: [attr('k', 'a'), attr('k', 'b')] },
          10004,
        ],
        ['set_group_attr', { GroupId: groupId }, 10004],
        ['set_group_attr', { GroupId: groupId, GroupAttr: { key: 'k' } }, 10004],
        ['set_group_attr', { GroupId: groupId, GroupAttr: [{ key: 'k', value: 1 }] }, 10004],
        ['modify_group_attr', { GroupId: groupId, GroupAttr: [] }, 10004],
        ['delete_group_attr', { GroupId: groupId, GroupAttr: [{ key: 'missing' }] }, 10050],
        ['clear_group_attr', {}, 10004],
        ['set_group_attr', { GroupId: 'no-such-group', GroupAttr: [] }, 10010],
        ['clear_group_attr', { GroupId: 'x'.repeat(49) }, 10015],
      ];
      for (const [command, body, code] of cases) {
        expect({ command, body, reply: await group(command, body) }).toMatchObject({
          reply: failure(code),
        });
      }
      // A fresh group (the refusals above count against 5 writes a second per group):
      // 16 keys are fine; a 17th by modify is not.
      const fresh = await createGroup('Public', (await users('o'))[0]);
      expect(await group('set_group_attr', { GroupId: fresh, GroupAttr: keys(16) })).toEqual(OK);
      expect(
        await group('modify_group_attr', { GroupId: fresh, GroupAttr: [attr('k16', 'v')] }),
      ).toMatchObject(failure(10047));
      // Up to 16 KB of keys and values together: 4 values of 4,000 bytes and short keys pass.
      const big = ['a', 'b', 'c', 'd'].map((k) => attr(k, 'v'.repeat(4000)));
      expect(await group('set_group_attr', { GroupId: fresh, GroupAttr: big })).toEqual(OK);
      expect(
        await group('modify_group_attr', {
          GroupId: fresh,
          GroupAttr: [attr('e', 'v'.repeat(400))],
        }),
      ).toMatchObject(failure(10048));
      expect(attrsOf(await getAttr(fresh))).toEqual(big);
      expect(
        await admin.call('group_open_http_svc', 'set_group_attr', undefined, {
          rawBody: '{"GroupId":',
        }),
      ).toMatchObject(failure(10011));
      expect(await admin.call('group_open_attr_http_svc', 'get_group_attr', {})).toMatchObject(
        failure(10004),
      );
    });

    it('refuses a BChatRoom (10007) and serves the other types, AVChatRoom included', async () => {
      const [owner] = await users('o');
      const bchat = await createGroup('BChatRoom');
      expect(
        await group('set_group_attr', { GroupId: bchat, GroupAttr: [attr('k', 'v')] }),
      ).toMatchObject(failure(10007));
      expect(await getAttr(bchat)).toMatchObject(failure(10007));
      for (const type of ['Private', 'Work', 'Public', 'ChatRoom', 'Meeting', 'AVChatRoom']) {
        const groupId = await createGroup(type, owner);
        expect(
          await group('set_group_attr', { GroupId: groupId, GroupAttr: [attr('t', type)] }),
        ).toEqual(OK);
        expect(attrsOf(await getAttr(groupId))).toEqual([attr('t', type)]);
      }
    });

    it('allows at most 5 writes a second per group (10049)', async () => {
      const groupId = await createGroup('Public', (await users('o'))[0]);
      const replies = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          group('modify_group_attr', { GroupId: groupId, GroupAttr: [attr('k', String(i))] }),
        ),
      );
      const codes = replies.map((r) => r.ErrorCode);
      // 12 at once fall into one or two seconds: at most 10 pass, the rest are 10049.
      expect(codes.filter((c) => c === 0).length).toBeLessThanOrEqual(10);
      expect(codes.filter((c) => c === 10049).length).toBeGreaterThanOrEqual(2);
      expect(codes.every((c) => c === 0 || c === 10049)).toBe(true);
    });

    it('pushes group.attr-changed with every attribute to online members, who read them with group.get-attr', async () => {
      const [owner, member, outsider] = await users('owner', 'member', 'outsider');
      const groupId = await createGroup('Public', owner, [member]);
      const m = await online(member);
      const o = await online(outsider);

      await group('set_group_attr', {
        GroupId: groupId,
        GroupAttr: [attr('a', '1'), attr('b', '2')],
      });
      await group('modify_group_attr', { GroupId: groupId, GroupAttr: [attr('b', '3')] });
      await group('modify_group_attr', { GroupId: groupId, GroupAttr: [attr('b', '3')] }); // no change
      await group('clear_group_attr', { GroupId: groupId });
      await waitFor(() => m.heard.length >= 3, { timeoutMs: 15_000 });
      expect(m.heard.map((s) => s.data)).toEqual([
        expect.objectContaining({
          groupId,
          op: 'set',
          changedKeys: ['a', 'b'],
          attrs: [attr('a', '1'), attr('b', '2')],
        }),
        expect.objectContaining({
          groupId,
          op: 'modify',
          changedKeys: ['b'],
          attrs: [attr('a', '1'), attr('b', '3')],
        }),
        expect.objectContaining({ groupId, op: 'clear', changedKeys: ['a', 'b'], attrs: [] }),
      ]);
      expect(m.heard[0].data).toMatchObject({
        groupType: 'Public',
        byAppAdmin: true,
        notification: 'shown',
      });
      expect(o.heard).toEqual([]);

      await group('set_group_attr', { GroupId: groupId, GroupAttr: [attr('x', 'y')] });
      expect(await m.device.client.command('group.get-attr', { groupId })).toEqual({
        attrs: [attr('x', 'y')],
      });
      await expect(o.device.client.command('group.get-attr', { groupId })).rejects.toMatchObject({
        code: 10007,
      });
    });

    it('pushes the change to the sessions in a live room', async () => {
      const [owner, viewer] = await users('owner', 'viewer');
      const groupId = await createGroup('AVChatRoom', owner);
      const v = await online(viewer);
      await v.device.chat.joinRoom(groupId);
      await group('set_group_attr', { GroupId: groupId, GroupAttr: [attr('live', 'on')] });
      await waitFor(() => v.heard.length === 1, { timeoutMs: 15_000 });
      expect(v.heard[0]).toMatchObject({
        id: 0,
        kind: 'group.attr-changed',
        data: { groupId, op: 'set', attrs: [attr('live', 'on')] },
      });
    });

    it('keeps attributes per app and drops them with their group', async () => {
      const [owner] = await users('owner');
      const groupId = `attr-iso-${n}`;
      expect(
        await group('create_group', {
          Type: 'Public',
          Name: 'iso',
          GroupId: groupId,
          Owner_Account: owner,
        }),
      ).toMatchObject(OK);
      await group('set_group_attr', { GroupId: groupId, GroupAttr: [attr('secret', 's')] });
      const otherAdmin = fixture.admin(other);
      expect(await getAttr(groupId, otherAdmin)).toMatchObject(failure(10010));
      expect(
        await group(
          'set_group_attr',
          { GroupId: groupId, GroupAttr: [attr('x', 'y')] },
          otherAdmin,
        ),
      ).toMatchObject(failure(10010));
      expect(await group('clear_group_attr', { GroupId: groupId }, otherAdmin)).toMatchObject(
        failure(10010),
      );
      expect(attrsOf(await getAttr(groupId))).toEqual([attr('secret', 's')]);

      // The same group ID in the other app has its own attributes.
      await otherAdmin.ok('im_open_login_svc', 'account_import', { UserID: owner });
      expect(
        await group(
          'create_group',
          { Type: 'Public', Name: 'iso', GroupId: groupId, Owner_Account: owner },
          otherAdmin,
        ),
      ).toMatchObject(OK);
      expect(await getAttr(groupId, otherAdmin)).toEqual({ ...OK, GroupAttrAry: [] });

      // Dismissed and created again under the same ID: no attributes left over.
      expect(await group('destroy_group', { GroupId: groupId })).toMatchObject(OK);
      expect(await getAttr(groupId)).toMatchObject(failure(10010));
      expect(
        await group('create_group', {
          Type: 'Public',
          Name: 'again',
          GroupId: groupId,
          Owner_Account: owner,
        }),
      ).toMatchObject(OK);
      expect(await getAttr(groupId)).toEqual({ ...OK, GroupAttrAry: [] });
    });
  });

  describe('global mute (openconfigsvr)', () => {
    const sendmsg = (from: string, to: string, a = admin) =>
      a.call('openim', 'sendmsg', {
        From_Account: from,
        To_Account: to,
        MsgRandom: rnd(),
        MsgBody: text('hi'),
      });
    const sendGroup = (groupId: string, from: string, a = admin) =>
      group(
        'send_group_msg',
        { GroupId: groupId, From_Account: from, Random: rnd(), MsgBody: text('x') },
        a,
      );
    const setMute = (account: string, c2c?: number, grp?: number, a = admin) =>
      config(
        'setnospeaking',
        {
          Set_Account: account,
          ...(c2c !== undefined && { C2CmsgNospeakingTime: c2c }),
          ...(grp !== undefined && { GroupmsgNospeakingTime: grp }),
        },
        a,
      );

    it('sets and reads both mutes with the documented fields', async () => {
      const [alice] = await users('alice');
      expect(await config('getnospeaking', { Get_Account: alice })).toEqual({
        ...OK,
        C2CmsgNospeakingTime: 0,
        GroupmsgNospeakingTime: 0,
      });
      expect(await setMute(alice, 3600, PERMANENT)).toEqual(OK);
      const read = await config('getnospeaking', { Get_Account: alice });
      expect(read).toMatchObject(OK);
      expect(typeof read.C2CmsgNospeakingTime).toBe('number');
      expect(read.C2CmsgNospeakingTime).toBeGreaterThan(3590);
      expect(read.C2CmsgNospeakingTime).toBeLessThanOrEqual(3600);
      expect(read.GroupmsgNospeakingTime).toBe(PERMANENT);
      // Setting one kind leaves the other as it was.
      expect(await setMute(alice, 0)).toEqual(OK);
      expect(await config('getnospeaking', { Get_Account: alice })).toMatchObject({
        C2CmsgNospeakingTime: 0,
        GroupmsgNospeakingTime: PERMANENT,
      });
    });

    it('reads an account that does not exist as muted for ever (Tencent’s documented answer)', async () => {
      expect(await config('getnospeaking', { Get_Account: `ghost-${n}-x` })).toEqual({
        ...OK,
        C2CmsgNospeakingTime: PERMANENT,
        GroupmsgNospeakingTime: PERMANENT,
      });
    });

    it('answers the documented codes for bad input', async () => {
      const [alice] = await users('alice');
      const cases: [string, unknown, number][] = [
        ['setnospeaking', { C2CmsgNospeakingTime: 10 }, 130002],
        ['setnospeaking', { Set_Account: 7, C2CmsgNospeakingTime: 10 }, 130003],
        ['setnospeaking', { Set_Account: alice }, 130003],
        ['setnospeaking', { Set_Account: alice, C2CmsgNospeakingTime: -1 }, 130003],
        ['setnospeaking', { Set_Account: alice, C2CmsgNospeakingTime: 4294967296 }, 130003],
        ['setnospeaking', { Set_Account: alice, GroupmsgNospeakingTime: 1.5 }, 130003],
        ['setnospeaking', { Set_Account: alice, GroupmsgNospeakingTime: '60' }, 130003],
        ['setnospeaking', { Set_Account: `nobody-${n}`, C2CmsgNospeakingTime: 10 }, 130003],
        ['getnospeaking', {}, 130002],
        ['getnospeaking', { Get_Account: ['x'] }, 130003],
      ];
      for (const [command, body, code] of cases) {
        expect({ command, body, reply: await config(command, body) }).toMatchObject({
          reply: failure(code),
        });
      }
      expect(
        await admin.call('openconfigsvr', 'setnospeaking', undefined, { rawBody: '{' }),
      ).toMatchObject(failure(130001));
    });

    it('refuses a muted sender’s REST sends (C2C 20012, group 10017) and lets them through once unmuted', async () => {
      const [alice, bob, owner] = await users('alice', 'bob', 'owner');
      const groupId = await createGroup('Public', owner, [alice, bob]);
      expect(await sendmsg(alice, bob)).toMatchObject(OK);
      expect(await sendGroup(groupId, alice)).toMatchObject(OK);

      expect(await setMute(alice, 600)).toEqual(OK);
      expect(await sendmsg(alice, bob)).toMatchObject(failure(20012));
      expect(await sendGroup(groupId, alice)).toMatchObject(OK); // only C2C is muted
      expect(await sendmsg(bob, alice)).toMatchObject(OK); // receiving is not muted

      expect(await setMute(alice, 0, PERMANENT)).toEqual(OK);
      expect(await sendmsg(alice, bob)).toMatchObject(OK);
      expect(await sendGroup(groupId, alice)).toMatchObject(failure(10017));
      expect(await sendGroup(groupId, bob)).toMatchObject(OK);

      expect(await setMute(alice, undefined, 0)).toEqual(OK);
      expect(await sendGroup(groupId, alice)).toMatchObject(OK);
    });

    it('refuses a muted user’s WebSocket sends with the same codes', async () => {
      const [alice, bob, owner] = await users('alice', 'bob', 'owner');
      const groupId = await createGroup('Public', owner, [alice, bob]);
      const a = await fixture.device(app, alice);
      await a.chat.sendC2C(bob, text('before'));

      expect(await setMute(alice, 600, 600)).toEqual(OK);
      await expect(a.chat.sendC2C(bob, text('muted'))).rejects.toMatchObject({ code: 20012 });
      await expect(a.chat.sendGroup(groupId, text('muted'))).rejects.toMatchObject({ code: 10017 });

      expect(await setMute(alice, 0, 0)).toEqual(OK);
      await expect(a.chat.sendC2C(bob, text('after'))).resolves.toMatchObject({ state: 'sent' });
      await expect(a.chat.sendGroup(groupId, text('after'))).resolves.toMatchObject({
        state: 'sent',
      });
    });

    it('ends a mute when its time is up', async () => {
      const [alice, bob] = await users('alice', 'bob');
      expect(await setMute(alice, 2)).toEqual(OK);
      expect(await sendmsg(alice, bob)).toMatchObject(failure(20012));
      // the mute ends by itself: a send goes through once its two seconds are up
      await waitFor(async () => (await sendmsg(alice, bob)).ErrorCode === 0, {
        timeoutMs: 10_000,
        intervalMs: 250,
        message: 'the mute to end',
      });
      expect(await config('getnospeaking', { Get_Account: alice })).toMatchObject({
        C2CmsgNospeakingTime: 0,
      });
    });

    it('forgets the mute of a deleted account, and keeps apps apart', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const otherAdmin = fixture.admin(other);
      await otherAdmin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: [alice, bob] });

      // Muted in the other app only: this app's alice still sends.
      expect(await setMute(alice, PERMANENT, PERMANENT, otherAdmin)).toEqual(OK);
      expect(await sendmsg(alice, bob, otherAdmin)).toMatchObject(failure(20012));
      expect(await sendmsg(alice, bob)).toMatchObject(OK);
      expect(await config('getnospeaking', { Get_Account: alice })).toMatchObject({
        C2CmsgNospeakingTime: 0,
        GroupmsgNospeakingTime: 0,
      });

      // Deleted and imported again in the other app: not muted any more.
      await otherAdmin.ok('im_open_login_svc', 'account_delete', {
        DeleteItem: [{ UserID: alice }],
      });
      await otherAdmin.ok('im_open_login_svc', 'account_import', { UserID: alice });
      expect(await config('getnospeaking', { Get_Account: alice }, otherAdmin)).toMatchObject({
        C2CmsgNospeakingTime: 0,
        GroupmsgNospeakingTime: 0,
      });
      await waitFor(async () => (await sendmsg(alice, bob, otherAdmin)).ErrorCode === 0);
    });
  });
});
