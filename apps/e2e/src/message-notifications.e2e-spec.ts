import { Client } from 'pg';

import type { AppReply, SystemNotification } from '@im/contracts';
import { ImError } from '@im/sdk';
import { waitFor } from '@im/testing';

import { Device, MessagingFixture } from './messaging.fixture';

/**
 * System notifications (MSG-25) and the client commands beyond messages, as applications see
 * them: real SDK clients over WebSocket against the whole platform started as processes.
 * Group facts become group system notifications for the online members (GRP-58, GRP-59), and
 * are kept for those who come later (MSG-18); relation facts and profile changes reach the
 * users they concern (REL-43, REL-44, PRF-16, AMB-25); a client registers its offline-push
 * device token and uses the profile, relation and group commands (GW-1).
 */
describe('notifications and client commands end to end', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let n = 0;

  /** Fresh user IDs per test, imported. */
  async function ids(...names: string[]): Promise<string[]> {
    n++;
    const users = names.map((name) => `${name}-${n}`);
    await fixture.admin(app).ok('im_open_login_svc', 'multiaccount_import', { Accounts: users });
    return users;
  }

  /** A device and the notifications it hears, by kind. */
  async function online(
    userId: string,
    options: { notificationsAfterId?: number; platform?: 'Web' | 'Android' } = {},
  ) {
    const device = await fixture.device(app, userId, { ...options, connect: false });
    const heard: SystemNotification[] = [];
    device.chat.on('notify', (s) => heard.push(s));
    await device.client.connect();
    await device.chat.whenSynced();
    return { device, heard, kinds: () => heard.map((s) => s.kind) };
  }

  const kindsOf = (list: SystemNotification[], prefix: string) =>
    list.map((s) => s.kind).filter((k) => k.startsWith(prefix));

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    app = await fixture.createApp({ name: 'notifications-e2e' });
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('group system notifications', () => {
    it('tells online members of joins, info changes, mutes, kicks, quits, owner changes and the end of the group', async () => {
      const [owner, bob, carol, dave] = await ids('owner', 'bob', 'carol', 'dave');
      const o = await online(owner);
      const b = await online(bob);
      const c = await online(carol);
      const { groupId } = await o.device.client.command('group.create', {
        type: 'Public',
        name: 'Team',
        members: [{ userId: bob }],
      });
      await waitFor(() => b.kinds().includes('group.created'));

      await o.device.client.command('group.add-members', { groupId, userIds: [carol, dave] });
      await o.device.client.command('group.modify', { groupId, name: 'Renamed' });
      await o.device.client.command('group.mute-members', {
        groupId,
        userIds: [bob],
        muteTime: 60,
      });
      await o.device.client.command('group.remove-members', {
        groupId,
        userIds: [dave],
        reason: 'spam',
      });
      // Recipients are the members when a fact is consumed (apps/message README): carol quits
      // once the kick has reached her, or she may have left before it is read.
      await waitFor(() => c.kinds().includes('group.member-kicked'));
      await c.device.client.command('group.quit', { groupId });
      await o.device.client.command('group.change-owner', { groupId, newOwnerId: bob });
      // Destroyed at once: the owner change may be consumed when the group is gone, and still
      // reaches the old and the new owner (apps/message README).
      await b.device.client.command('group.destroy', { groupId });

      const expected = [
        'group.created',
        'group.member-joined',
        'group.info-changed',
        'group.member-muted',
        'group.member-kicked',
        'group.member-left',
        'group.owner-changed',
        'group.destroyed',
      ];
      await waitFor(() => b.kinds().includes('group.destroyed'));
      expect(kindsOf(b.heard, 'group.')).toEqual(expected);
      expect(b.heard.every((s) => s.data.groupId === groupId)).toBe(true);
      expect(b.heard.find((s) => s.kind === 'group.info-changed')?.data).toMatchObject({
        groupId,
      });
      expect(JSON.stringify(b.heard.find((s) => s.kind === 'group.info-changed')?.data)).toContain(
        'Renamed',
      );
      expect(b.heard.find((s) => s.kind === 'group.member-kicked')?.data).toMatchObject({
        userIds: [dave],
      });
      // Carol heard everything up to and including her own quit, nothing after.
      await waitFor(() => c.kinds().includes('group.member-left'));
      expect(kindsOf(c.heard, 'group.')).toEqual([
        'group.member-joined',
        'group.info-changed',
        'group.member-muted',
        'group.member-kicked',
        'group.member-left',
      ]);
      // The owner heard the end too.
      await waitFor(() => o.kinds().includes('group.destroyed'));
    });

    it('keeps them for a member who was offline and replays them, once each, when it comes back', async () => {
      const [owner, away] = await ids('owner', 'away');
      const o = await online(owner);
      const { groupId } = await o.device.client.command('group.create', {
        type: 'Public',
        name: 'Later',
        members: [{ userId: away }],
      });
      await o.device.client.command('group.modify', { groupId, introduction: 'about us' });
      await fixture.admin(app).ok('group_open_http_svc', 'send_group_system_notification', {
        GroupId: groupId,
        Content: 'read the rules',
      });

      const a = await online(away, { notificationsAfterId: 0 });
      await waitFor(() => kindsOf(a.heard, 'group.').length === 3);
      // Facts reach the notifications through a durable consumer, the admin's notice directly:
      // their relative order is not fixed, the replay follows the stored order.
      expect(kindsOf(a.heard, 'group.').sort()).toEqual([
        'group.created',
        'group.info-changed',
        'group.system',
      ]);
      expect(a.heard.find((s) => s.kind === 'group.system')?.data).toMatchObject({
        groupId,
        content: 'read the rules',
      });
      // Each once (a fact consumed after the login is pushed and may come before older ones).
      expect(new Set(a.heard.map((s) => s.id)).size).toBe(a.heard.length);
    });

    it('tells nobody of a silent removal (T17)', async () => {
      const [owner, bob, carol] = await ids('owner', 'bob', 'carol');
      const o = await online(owner);
      const b = await online(bob);
      const { groupId } = await o.device.client.command('group.create', {
        type: 'Public',
        name: 'Quiet',
        members: [{ userId: bob }, { userId: carol }],
      });
      await o.device.client.command('group.remove-members', {
        groupId,
        userIds: [carol],
        silence: true,
      });
      await o.device.client.command('group.modify', { groupId, name: 'After' });
      await waitFor(() => b.kinds().includes('group.info-changed'));
      expect(kindsOf(b.heard, 'group.')).toEqual(['group.created', 'group.info-changed']);
    });
  });

  describe('relation and profile notifications', () => {
    it('tells both sides of a friend request and its acceptance, and the user’s friends and devices of a profile change', async () => {
      const [alice, bob] = await ids('alice', 'bob');
      const aliceWeb = await online(alice);
      const alicePhone = await online(alice, { platform: 'Android' });
      const b = await online(bob);

      const added = await aliceWeb.device.client.command('friend.add', {
        items: [{ toUserId: bob, addSource: 'AddSource_Type_Web', addWording: 'hi' }],
      });
      expect(added).toBeDefined();
      await waitFor(() => b.kinds().includes('relation.request-created'));
      expect(b.heard.find((s) => s.kind === 'relation.request-created')?.data).toMatchObject({
        fromUserId: alice,
        toUserId: bob,
        addWording: 'hi',
      });

      await b.device.client.command('friend-request.accept', {
        fromUserId: alice,
        response: 'agree-and-add',
      });
      await waitFor(() => aliceWeb.kinds().includes('relation.request-handled'));
      await waitFor(() => aliceWeb.kinds().includes('relation.friend-added'));

      await aliceWeb.device.client.command('profile.set', {
        items: [{ tag: 'Tag_Profile_IM_Nick', value: 'Alice' }],
      });
      await waitFor(() => alicePhone.kinds().includes('profile.changed'));
      await waitFor(() => b.kinds().includes('relation.friend-profile-changed'));
      expect(b.heard.find((s) => s.kind === 'relation.friend-profile-changed')?.data).toMatchObject(
        { userId: alice, changedTags: ['Tag_Profile_IM_Nick'] },
      );
    });
  });

  describe('client commands', () => {
    let pg: Client;

    beforeAll(async () => {
      const url = new URL(fixture.servers.postgres.url);
      url.pathname = '/im_push_e2e_test';
      pg = new Client({ connectionString: url.toString() });
      await pg.connect();
    });

    afterAll(async () => {
      await pg?.end();
    });

    const devicesOf = async (userId: string) =>
      (
        await pg.query<{ provider: string; token: string; platform: string | null }>(
          'SELECT provider, token, platform FROM push_devices WHERE sdk_app_id = $1 AND user_id = $2 ORDER BY token',
          [app.sdkAppId, userId],
        )
      ).rows;

    it('registers and forgets the offline-push device token of the logged-in user', async () => {
      const [alice] = await ids('alice');
      const { device } = await online(alice);
      await device.client.registerPushDevice('apns', `a1b2c3-${n}`, 'iPhone');
      await device.client.registerPushDevice('fcm', `fcm-token-${n}`);
      expect(await devicesOf(alice)).toEqual([
        { provider: 'apns', token: `a1b2c3-${n}`, platform: 'iPhone' },
        { provider: 'fcm', token: `fcm-token-${n}`, platform: null },
      ]);
      await device.client.unregisterPushDevice('apns', `a1b2c3-${n}`);
      expect((await devicesOf(alice)).map((d) => d.provider)).toEqual(['fcm']);
      await expect(
        device.client.request('push.register-device', { provider: 'carrier-pigeon', token: 'x' }),
      ).rejects.toBeInstanceOf(ImError);
    });

    it('uses the relation commands: sync, find, recommendations, blacklist', async () => {
      const [me, pal, other] = await ids('me', 'pal', 'other');
      const d = await fixture.device(app, me);
      await fixture.admin(app).ok('sns', 'friend_import', {
        From_Account: me,
        AddFriendItem: [{ To_Account: pal, AddSource: 'AddSource_Type_Web' }],
      });
      const sync = await d.client.command('friend.sync', { sinceSequence: 0 });
      expect(JSON.stringify(sync)).toContain(pal);
      const found = await d.client.command('friend.find', { keyword: pal });
      expect(JSON.stringify(found)).toContain(pal);

      await d.client.command('recommendation.add', { items: [{ userId: other, note: 'met' }] });
      expect(JSON.stringify(await d.client.command('recommendation.get', {}))).toContain(other);
      await d.client.command('recommendation.remove', { toUserIds: [other] });
      expect(JSON.stringify(await d.client.command('recommendation.get', {}))).not.toContain(other);

      await d.client.command('blacklist.add', { toUserIds: [other] });
      expect(
        JSON.stringify(await d.client.command('blacklist.get', { startIndex: 0, maxCount: 10 })),
      ).toContain(other);
    });

    it('refuses acting as someone else and commands the gateway does not know', async () => {
      const [me, victim] = await ids('me', 'victim');
      const d: Device = await fixture.device(app, me);
      await expect(
        d.client.command('profile.set', {
          userId: victim,
          items: [{ tag: 'Tag_Profile_IM_Nick', value: 'pwned' }],
        }),
      ).rejects.toBeInstanceOf(ImError);
      await expect(d.client.request('account.import', { userId: 'x' })).rejects.toMatchObject({
        code: 60009,
      });
    });
  });
});
