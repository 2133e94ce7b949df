import { ErrorCode } from '@im/contracts';
import type { AppReply, MsgElement } from '@im/contracts';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';
import { waitFor } from '@im/testing';

import { Device, MessagingFixture } from './messaging.fixture';

const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const textsOf = (d: Device) => d.received.map((m) => m.body[0]?.MsgContent.Text);

/**
 * The group commands that depend on who is connected, with real SDK clients (ImClient +
 * ImChat) logged in over WebSocket to two conn-gateway processes, against the whole platform
 * started as processes: get_online_member_num from the gateways' presence (Public and
 * AVChatRoom), guests receiving in AVChatRoom and BChatRoom (T23, GRP-63), and BChatRoom
 * broadcasts from the App admin only (T20, GRP-64).
 */
describe('groups with connected clients', () => {
  const G = 'group_open_http_svc';
  let fixture: MessagingFixture;
  let app: AppReply;
  let admin: RestAdminClient;
  let gw1: string[];
  let gw2: string[];

  const call = (command: string, body: unknown): Promise<RestEnvelope> =>
    admin.call(G, command, body);
  const on = (gateway: 1 | 2, userId: string, platform: 'Web' | 'Android' = 'Web') =>
    fixture.device(app, userId, { urls: gateway === 1 ? gw1 : gw2, platform });
  const guestOn = (gateway: 1 | 2) =>
    fixture.device(app, 'guest', { urls: gateway === 1 ? gw1 : gw2, guest: true });

  async function create(body: Record<string, unknown>): Promise<string> {
    const envelope = await call('create_group', { Name: 'g', ...body });
    expect(envelope.ErrorCode).toBe(0);
    return envelope.GroupId as string;
  }

  async function onlineCount(groupId: string): Promise<number> {
    const envelope = await call('get_online_member_num', { GroupId: groupId });
    expect(envelope).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    return envelope.OnlineMemberNum as number;
  }

  async function memberNum(groupId: string): Promise<number> {
    const info = await call('get_group_info', { GroupIdList: [groupId] });
    return (info.GroupInfo as { MemberNum: number }[])[0].MemberNum;
  }

  async function broadcast(groupId: string, words: string): Promise<RestEnvelope> {
    return call('send_group_msg', {
      GroupId: groupId,
      Random: Math.floor(Math.random() * 2 ** 32),
      MsgBody: text(words),
    });
  }

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 2 });
    app = await fixture.createApp({
      settings: { avChatRoomEnabled: true, bChatRoomEnabled: true },
    });
    admin = fixture.admin(app);
    await admin.ok('im_open_login_svc', 'multiaccount_import', {
      Accounts: ['alice', 'bob', 'carol', 'dave', 'host', 'v1', 'v2', 'v3', 'm1', 'm2'],
    });
    gw1 = fixture.wsUrls;
    gw2 = [...fixture.wsUrls].reverse();
  }, 120_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('get_online_member_num', () => {
    it('counts the members of a Public group with a live session on any gateway, once each', async () => {
      const groupId = await create({
        Type: 'Public',
        Owner_Account: 'alice',
        MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'carol' }],
      });
      expect(await onlineCount(groupId)).toBe(0);

      await on(1, 'alice');
      await on(2, 'alice', 'Android');
      const bob = await on(2, 'bob');
      await on(1, 'dave'); // online, not a member

      expect(await onlineCount(groupId)).toBe(2);

      await bob.chat.close();
      await waitFor(async () => (await onlineCount(groupId)) === 1);
      expect(await onlineCount(groupId)).toBe(1);
      expect(await memberNum(groupId)).toBe(3);
    });

    it('counts the viewers of an AVChatRoom who are still connected, not guests', async () => {
      const groupId = await create({ Type: 'AVChatRoom', Owner_Account: 'host' });
      const host = await on(1, 'host');
      const v1 = await on(1, 'v1');
      const v2 = await on(2, 'v2');
      const v3 = await on(2, 'v3');
      const guest = await guestOn(1);
      for (const d of [host, v1, v2, v3, guest])
        expect(await d.chat.joinRoom(groupId)).toMatchObject({ outcome: 'joined' });

      expect(await memberNum(groupId)).toBe(4);
      expect(await onlineCount(groupId)).toBe(4);

      // v3's connection ends: still a member of the room, no longer online.
      await v3.chat.close();
      await waitFor(async () => (await onlineCount(groupId)) === 3);
      expect(await memberNum(groupId)).toBe(4);

      // v2 leaves the room: neither a member nor counted.
      await v2.chat.leaveRoom(groupId);
      expect(await onlineCount(groupId)).toBe(2);
      expect(await memberNum(groupId)).toBe(3);
    });

    it('counts only sessions of the group’s app (PLT-2)', async () => {
      const other = await fixture.createApp({});
      await fixture
        .admin(other)
        .ok('im_open_login_svc', 'multiaccount_import', { Accounts: ['carol'] });
      // no owner: carol is the only member, and online only in the other app
      const groupId = await create({ Type: 'Public', MemberList: [{ Member_Account: 'carol' }] });
      await fixture.device(other, 'carol', { urls: gw1 });

      expect(await onlineCount(groupId)).toBe(0);
    });

    it('answers 10007 to a non-member acting through From_Account and 10010 for no group', async () => {
      const groupId = await create({ Type: 'Public', Owner_Account: 'alice' });

      expect(
        await call('get_online_member_num', { GroupId: groupId, From_Account: 'dave' }),
      ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: ErrorCode.GroupPermissionDenied });
      expect(await call('get_online_member_num', { GroupId: 'no-such-group' })).toMatchObject({
        ActionStatus: 'FAIL',
        ErrorCode: ErrorCode.GroupNotFound,
      });
    });
  });

  describe('guests (T23, GRP-63)', () => {
    it.each(['AVChatRoom', 'BChatRoom'])(
      'receive what the App admin sends to a %s, on either gateway',
      async (type) => {
        const groupId = await create({
          Type: type,
          ...(type === 'AVChatRoom' && { Owner_Account: 'host' }),
        });
        const first = await guestOn(1);
        const second = await guestOn(2);
        await first.chat.joinRoom(groupId);
        await second.chat.joinRoom(groupId);

        expect(await broadcast(groupId, `to the ${type}`)).toMatchObject({ ErrorCode: 0 });

        await waitFor(() => first.received.length === 1 && second.received.length === 1);
        expect(textsOf(first)).toEqual([`to the ${type}`]);
        expect(textsOf(second)).toEqual([`to the ${type}`]);
        // guests are not members
        expect(await memberNum(groupId)).toBe(type === 'AVChatRoom' ? 1 : 0);
      },
    );

    it('may not enter a Public, Private or ChatRoom group (10007) nor send', async () => {
      const guest = await guestOn(1);
      for (const type of ['Public', 'Private', 'ChatRoom']) {
        const groupId = await create({ Type: type, Owner_Account: 'alice' });
        await expect(guest.chat.joinRoom(groupId)).rejects.toMatchObject({
          code: ErrorCode.GroupPermissionDenied,
        });
      }
      const room = await create({ Type: 'AVChatRoom', Owner_Account: 'host' });
      await guest.chat.joinRoom(room);
      await expect(
        guest.client.request('msg.send-group', {
          groupId: room,
          random: 1,
          body: text('hello'),
        }),
      ).rejects.toMatchObject({ code: ErrorCode.UserSigEmpty });
      await expect(guest.client.request('group.get-joined', {})).rejects.toMatchObject({
        code: ErrorCode.UserSigEmpty,
      });
    });
  });

  describe('BChatRoom broadcast (T20, GRP-64)', () => {
    it('reaches every member online; a member’s own message is refused with 10007', async () => {
      const groupId = await create({ Type: 'BChatRoom' });
      const m1 = await on(1, 'm1');
      const m2 = await on(2, 'm2');
      await m1.chat.joinRoom(groupId);
      await m2.chat.joinRoom(groupId);

      expect(await broadcast(groupId, 'gift!')).toMatchObject({ ErrorCode: 0 });

      await waitFor(() => m1.received.length === 1 && m2.received.length === 1);
      expect(textsOf(m1)).toEqual(['gift!']);
      expect(textsOf(m2)).toEqual(['gift!']);
      await expect(m1.chat.sendGroup(groupId, text('me too'))).rejects.toMatchObject({
        code: ErrorCode.GroupPermissionDenied,
      });
      expect(await memberNum(groupId)).toBe(2);
    });
  });
});
