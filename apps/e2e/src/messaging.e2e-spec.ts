import { ConversationIds, ErrorCode } from '@im/contracts';
import type { AppReply, MsgElement } from '@im/contracts';
import { ImError } from '@im/sdk';
import { waitFor } from '@im/testing';

import { Device, MessagingFixture } from './messaging.fixture';

const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const textOf = (m: { body: MsgElement[] }) => {
  const value = m.body[0]?.MsgContent.Text;
  return typeof value === 'string' ? value : '';
};
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Messaging as applications see it: real SDK clients (ImClient + ImChat) over WebSocket against
 * the whole platform started as processes, with two conn-gateway processes and a user's devices
 * spread over both.
 */
describe('messaging end to end', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let gw1: string[];
  let gw2: string[];

  /** A user's device connected to the first or second gateway. */
  const on = (gateway: 1 | 2, userId: string, platform: 'Web' | 'Android' = 'Web') =>
    fixture.device(app, userId, { urls: gateway === 1 ? gw1 : gw2, platform });

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 2 });
    app = await fixture.createApp({ settings: { avChatRoomEnabled: true } });
    gw1 = fixture.wsUrls;
    gw2 = [...fixture.wsUrls].reverse();
  }, 120_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('delivery', () => {
    it('delivers a C2C message to every online device of the receiver and the sender’s other device, once', async () => {
      const aliceWeb = await on(1, 'c2c-alice');
      const alicePhone = await on(2, 'c2c-alice', 'Android');
      const bobWeb = await on(1, 'c2c-bob');
      const bobPhone = await on(2, 'c2c-bob', 'Android');
      const convId = ConversationIds.c2c('c2c-alice', 'c2c-bob');

      const sent = await aliceWeb.chat.sendC2C('c2c-bob', text('hello'));
      await aliceWeb.chat.sendC2C('c2c-bob', text('again'));

      expect(sent).toMatchObject({ state: 'sent', seq: 1, convId });
      await waitFor(() => [bobWeb, bobPhone, alicePhone].every((d) => d.seqs(convId).length === 2));
      for (const d of [bobWeb, bobPhone, alicePhone]) {
        expect(d.seqs(convId)).toEqual([1, 2]);
        expect(d.received.map(textOf)).toEqual(['hello', 'again']);
      }
      expect(bobWeb.received[0]).toMatchObject({ from: 'c2c-alice', to: 'c2c-bob', type: 'C2C' });
      expect(aliceWeb.received).toEqual([]);
    });

    it('delivers a group message to every online device of every member', async () => {
      const owner = await on(1, 'grp-owner');
      const ownerPhone = await on(2, 'grp-owner', 'Android');
      const bobWeb = await on(1, 'grp-bob');
      const bobPhone = await on(2, 'grp-bob', 'Android');
      const carol = await on(2, 'grp-carol');
      const { groupId } = await owner.client.request<{ groupId: string }>('group.create', {
        type: 'Public',
        name: 'Team',
        members: [{ userId: 'grp-bob' }, { userId: 'grp-carol' }],
      });
      const convId = ConversationIds.group(groupId);

      const sent = await owner.chat.sendGroup(groupId, text('hi team'));
      await bobWeb.chat.sendGroup(groupId, text('hi owner'));

      expect(sent).toMatchObject({ state: 'sent', convId });
      const others = [ownerPhone, bobPhone, carol];
      // Each device has what it is to get: the others both, each sender the other's message.
      await waitFor(
        () =>
          others.every((d) => d.seqs(convId).length === 2) &&
          owner.received.length === 1 &&
          bobWeb.received.length === 1,
      );
      for (const d of others) expect(d.received.map(textOf)).toEqual(['hi team', 'hi owner']);
      expect(owner.received.map(textOf)).toEqual(['hi owner']);
      expect(bobWeb.received.map(textOf)).toEqual(['hi team']);
    });

    it('delivers a live room message to users and guests on both gateways', async () => {
      const host = await on(1, 'room-host');
      const { groupId } = await host.client.request<{ groupId: string }>('group.create', {
        type: 'AVChatRoom',
        name: 'Live',
      });
      const viewer = await on(2, 'room-viewer');
      const guest = await fixture.device(app, 'guest', { urls: gw1, guest: true });
      await host.chat.joinRoom(groupId);
      await viewer.chat.joinRoom(groupId);
      await expect(guest.chat.joinRoom(groupId)).resolves.toMatchObject({ outcome: 'joined' });

      await host.chat.sendGroup(groupId, text('on air'));

      await waitFor(() => viewer.received.length === 1 && guest.received.length === 1);
      expect(guest.received.map(textOf)).toEqual(['on air']);
      expect(viewer.received[0]).toMatchObject({ convId: ConversationIds.group(groupId) });
    });
  });

  describe('offline users', () => {
    it('gives a user who was offline everything sent meanwhile, in order, when it logs in', async () => {
      const alice = await on(1, 'off-alice');
      const convId = ConversationIds.c2c('off-alice', 'off-bob');
      // bob has an account but no session.
      await fixture.admin(app).ok('im_open_login_svc', 'account_import', { UserID: 'off-bob' });
      for (let i = 1; i <= 30; i++) await alice.chat.sendC2C('off-bob', text(`m${i}`));

      const bob = await on(2, 'off-bob');

      await waitFor(() => bob.seqs(convId).length === 30);
      expect(bob.seqs(convId)).toEqual(range(1, 30));
      expect(bob.received.map(textOf)).toEqual(range(1, 30).map((i) => `m${i}`));
      expect(bob.chat.conversation(convId)).toMatchObject({ unread: 30, lastSeq: 30 });
    });

    it('resumes a user from where its last run stopped: only what came while it was away', async () => {
      const alice = await on(1, 'away-alice');
      const convId = ConversationIds.c2c('away-alice', 'away-bob');
      const first = await on(2, 'away-bob');
      for (let i = 1; i <= 5; i++) await alice.chat.sendC2C('away-bob', text(`m${i}`));
      await waitFor(() => first.seqs(convId).length === 5);
      const positions = first.chat.positions();
      await first.chat.close();

      for (let i = 6; i <= 25; i++) await alice.chat.sendC2C('away-bob', text(`m${i}`));
      const again = await fixture.device(app, 'away-bob', { urls: gw1, positions });

      await waitFor(() => again.seqs(convId).length === 20);
      expect(again.seqs(convId)).toEqual(range(6, 25));
    });

    it('fetches what was sent while a device was cut off, after it reconnects by itself', async () => {
      const alice = await on(1, 'cut-alice');
      const bob = await on(2, 'cut-bob');
      const convId = ConversationIds.c2c('cut-alice', 'cut-bob');
      await alice.chat.sendC2C('cut-bob', text('m1'));
      await waitFor(() => bob.seqs(convId).length === 1);
      const back = new Promise((resolve) => bob.client.once('reconnected', resolve));

      bob.client.reconnect();
      for (let i = 2; i <= 10; i++) await alice.chat.sendC2C('cut-bob', text(`m${i}`));
      await back;

      await waitFor(() => bob.seqs(convId).length === 10);
      expect(bob.seqs(convId)).toEqual(range(1, 10));
    });
  });

  describe('catching up with one sync', () => {
    /** A device of `userId` at `positions`, counting its requests from the login on. */
    const comeBack = async (userId: string, positions: Record<string, number>) => {
      const device = await fixture.device(app, userId, { urls: gw1, positions, connect: false });
      const requests = jest.spyOn(device.client, 'request');
      await device.client.connect();
      await device.chat.whenSynced();
      const calls = (cmd: string) =>
        requests.mock.calls.flatMap((call, i) =>
          call[0] === cmd
            ? [{ data: call[1] as Record<string, unknown>, reply: requests.mock.results[i].value }]
            : [],
        );
      return { device, calls };
    };

    it('gets what it missed in C2C and group conversations inline with its first sync, without a pull', async () => {
      const [alice, carol, owner] = await Promise.all(
        ['one-alice', 'one-carol', 'one-owner'].map((u) => on(1, u)),
      );
      const first = await on(2, 'one-bob');
      const { groupId } = await owner.client.request<{ groupId: string }>('group.create', {
        type: 'Public',
        name: 'Catch-up',
        members: [{ userId: 'one-bob' }],
      });
      const convs = [
        ConversationIds.c2c('one-alice', 'one-bob'),
        ConversationIds.c2c('one-carol', 'one-bob'),
        ConversationIds.group(groupId),
      ];
      await alice.chat.sendC2C('one-bob', text('a1'));
      await carol.chat.sendC2C('one-bob', text('c1'));
      await owner.chat.sendGroup(groupId, text('g1'));
      await waitFor(() => convs.every((c) => first.seqs(c).length > 0));
      const positions = first.chat.positions();
      const groupFrom = positions[convs[2]];
      await first.chat.close();

      for (let i = 2; i <= 6; i++) {
        await alice.chat.sendC2C('one-bob', text(`a${i}`));
        await carol.chat.sendC2C('one-bob', text(`c${i}`));
        await owner.chat.sendGroup(groupId, text(`g${i}`));
      }
      const { device: bob, calls } = await comeBack('one-bob', positions);

      await waitFor(() => convs.every((c) => bob.seqs(c).length === 5));
      expect(bob.seqs(convs[0])).toEqual(range(2, 6));
      expect(bob.seqs(convs[1])).toEqual(range(2, 6));
      expect(bob.seqs(convs[2])).toEqual(range(groupFrom + 1, groupFrom + 5));
      expect(bob.received.filter((m) => m.convId === convs[2]).map(textOf)).toEqual(
        range(2, 6).map((i) => `g${i}`),
      );
      expect(calls('msg.sync').map((c) => c.data.withMessages)).toEqual([20]);
      expect(calls('msg.pull')).toEqual([]);
    });

    it('pulls what an answer cut by the byte cap left out: nothing lost, nothing twice', async () => {
      const peers = ['cap-alice', 'cap-carol', 'cap-dave'];
      const senders = await Promise.all(peers.map((u) => on(1, u)));
      const convs = peers.map((p) => ConversationIds.c2c(p, 'cap-bob'));
      const first = await on(2, 'cap-bob');
      for (const sender of senders) await sender.chat.sendC2C('cap-bob', text('first'));
      await waitFor(() => convs.every((c) => first.seqs(c).length === 1));
      const positions = first.chat.positions();
      await first.chat.close();

      // 30 messages of ~10 KB: more than one answer carries inline (about 256 KB).
      const big = (i: number) => `${i} ${'x'.repeat(10_000)}`;
      for (let i = 2; i <= 11; i++)
        for (const sender of senders) await sender.chat.sendC2C('cap-bob', text(big(i)));
      const { device: bob, calls } = await comeBack('cap-bob', positions);

      await waitFor(() => convs.every((c) => bob.seqs(c).length === 10));
      for (const convId of convs) {
        expect(bob.seqs(convId)).toEqual(range(2, 11));
        expect(
          bob.received.filter((m) => m.convId === convId).map((m) => textOf(m).split(' ')[0]),
        ).toEqual(range(2, 11).map(String));
      }
      const [sync] = calls('msg.sync');
      await expect(sync.reply).resolves.toMatchObject({ messagesCut: true });
      expect(calls('msg.pull').length).toBeGreaterThan(0);
    });
  });

  describe('read state and recall', () => {
    it('keeps unread counts and syncs a read on one device to the other and to the sender', async () => {
      const alice = await on(1, 'read-alice');
      const bobWeb = await on(1, 'read-bob');
      const bobPhone = await on(2, 'read-bob', 'Android');
      const convId = ConversationIds.c2c('read-alice', 'read-bob');
      const receipts: unknown[] = [];
      alice.chat.on('read-receipt', (r) => receipts.push(r));
      for (let i = 1; i <= 3; i++) await alice.chat.sendC2C('read-bob', text(`m${i}`));
      await waitFor(() =>
        [bobWeb, bobPhone].every((d) => d.chat.conversation(convId)?.unread === 3),
      );

      await expect(bobWeb.chat.markRead(convId)).resolves.toEqual({ readSeq: 3, unread: 0 });

      await waitFor(() => bobPhone.chat.conversation(convId)?.unread === 0);
      expect(bobPhone.chat.conversation(convId)).toMatchObject({ readSeq: 3 });
      await waitFor(() => receipts.length > 0);
      expect(receipts).toContainEqual({ convId, userId: 'read-bob', readSeq: 3 });
      const fresh = await on(2, 'read-bob', 'Android');
      expect(fresh.chat.conversation(convId)).toMatchObject({ unread: 0, readSeq: 3 });
      expect(fresh.received).toEqual([]);
      await alice.chat.sendC2C('read-bob', text('m4'));
      await waitFor(() => bobWeb.chat.conversation(convId)?.unread === 1);
    });

    it('tells the online clients of a recall and keeps the recall mark in the history', async () => {
      const alice = await on(1, 'rec-alice');
      const bobWeb = await on(1, 'rec-bob');
      const bobPhone = await on(2, 'rec-bob', 'Android');
      const convId = ConversationIds.c2c('rec-alice', 'rec-bob');
      const sent = await alice.chat.sendC2C('rec-bob', text('oops'));
      await waitFor(() => bobWeb.received.length === 1 && bobPhone.received.length === 1);
      const recalls: unknown[] = [];
      bobWeb.chat.on('message-recalled', (e) => recalls.push(e));
      bobPhone.chat.on('message-recalled', (e) => recalls.push(e));

      await alice.chat.recall(convId, sent.seq ?? 0);

      await waitFor(() => recalls.length === 2);
      expect(recalls).toEqual([
        { convId, seq: sent.seq },
        { convId, seq: sent.seq },
      ]);
      const history = await bobWeb.chat.getHistory(convId);
      expect(history.messages).toEqual([
        expect.objectContaining({ seq: sent.seq, isRecalled: true }),
      ]);
    });
  });

  describe('refusals', () => {
    it('refuses a sender the receiver blacklisted with 20007 and marks the send failed', async () => {
      const alice = await on(1, 'bl-alice');
      const bob = await on(2, 'bl-bob');
      await bob.client.request('blacklist.add', { toUserIds: ['bl-alice'] });

      const error = await alice.chat.sendC2C('bl-bob', text('let me in')).catch((e: ImError) => e);

      expect(error).toBeInstanceOf(ImError);
      expect(error).toMatchObject({ code: ErrorCode.C2cSenderBlacklisted });
      expect(alice.chat.outgoing()).toEqual([
        expect.objectContaining({
          state: 'failed',
          error: expect.objectContaining({ code: 20007 }),
        }),
      ]);
      // Once bob lifts the block (the message service caches it for a few seconds), the same
      // message goes through on a resend.
      await bob.client.request('blacklist.remove', { toUserIds: ['bl-alice'] });
      const failed = alice.chat.outgoing()[0];
      await waitFor(
        async () =>
          (await alice.chat.resend(failed.localId).catch(() => undefined))?.state === 'sent',
        { timeoutMs: 15_000, intervalMs: 500 },
      );
      await waitFor(() => bob.received.length === 1);
      expect(bob.received[0]).toMatchObject({ random: failed.random });
    });

    it('refuses a muted member with 10017', async () => {
      const owner = await on(1, 'mute-owner');
      const carol: Device = await on(2, 'mute-carol');
      const { groupId } = await owner.client.request<{ groupId: string }>('group.create', {
        type: 'Public',
        name: 'Quiet',
        members: [{ userId: 'mute-carol' }],
      });
      await owner.client.request('group.mute-members', {
        groupId,
        userIds: ['mute-carol'],
        muteTime: 600,
      });

      await expect(carol.chat.sendGroup(groupId, text('can I?'))).rejects.toMatchObject({
        code: ErrorCode.GroupSenderMuted,
      });
      await expect(owner.chat.sendGroup(groupId, text('you cannot'))).resolves.toMatchObject({
        state: 'sent',
      });
    });
  });
});
