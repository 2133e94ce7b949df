import { ConversationIds } from '@im/contracts';
import type { ChatMessage } from '@im/contracts';
import { waitFor } from '@im/testing';

import type { ImChatOptions, OutgoingMessage } from './chat-types';
import { ImChat, resumeBackoffMs } from './im-chat';
import { ImClient } from './im-client';
import { ImError, SdkErrorCodes } from './im-error';
import { FakeImServer, text2body, textOf } from './im-server.fake';

const URL = 'ws://fake/ws';
const AB = ConversationIds.c2c('alice', 'bob');

describe(ImChat.name, () => {
  let server: FakeImServer;
  const chats: ImChat[] = [];

  /** A user's device: an ImChat over an ImClient on the fake server, and what it received. */
  const device = async (
    userId: string,
    options: ImChatOptions & { platform?: 'Web' | 'Android' | 'iPhone'; connect?: boolean } = {},
  ) => {
    const client = new ImClient({
      url: URL,
      sdkAppId: 1,
      userId,
      userSig: 'sig',
      platform: options.platform ?? 'Web',
      socketFactory: server.socketFactory,
      reconnectDelayMs: { initial: 5, max: 20 },
      requestTimeoutMs: 1000,
    });
    const chat = new ImChat(client, {
      stream: { holeRetryDelaysMs: [5, 5] },
      syncIntervalMs: 0,
      ...options,
    });
    chats.push(chat);
    const received: ChatMessage[] = [];
    chat.on('message', (m) => received.push(m));
    if (options.connect !== false) {
      await client.connect();
      await chat.whenSynced();
    }
    return { chat, client, received, texts: () => received.map(textOf) };
  };
  const text = (t: string) => text2body(t);

  beforeEach(() => {
    server = new FakeImServer();
  });

  afterEach(async () => {
    for (const chat of chats.splice(0)) await chat.close();
  });

  describe('sending', () => {
    it('delivers a C2C message to every device of the recipient and the sender’s other devices, once', async () => {
      const aliceWeb = await device('alice');
      const alicePhone = await device('alice', { platform: 'Android' });
      const bobWeb = await device('bob');
      const bobPhone = await device('bob', { platform: 'iPhone' });

      const sent = await aliceWeb.chat.sendC2C('bob', text('hello'));

      expect(sent).toMatchObject({ state: 'sent', seq: 1, convId: AB });
      await waitFor(
        () =>
          bobWeb.received.length === 1 &&
          bobPhone.received.length === 1 &&
          alicePhone.received.length === 1,
      );
      expect(bobWeb.received[0]).toMatchObject({ convId: AB, seq: 1, from: 'alice' });
      expect(aliceWeb.received).toEqual([]);
      expect(bobWeb.chat.conversation(AB)).toMatchObject({ lastSeq: 1, unread: 1, peer: 'alice' });
      expect(aliceWeb.chat.conversation(AB)).toMatchObject({ lastSeq: 1, unread: 0, peer: 'bob' });
    });

    it('reports sending then sent, and stores a send retried after a lost answer once', async () => {
      const alice = await device('alice', { sendRetries: 2 });
      const bob = await device('bob');
      let lost = 0;
      server.dropAnswer = (cmd) => cmd === 'msg.send-c2c' && lost++ === 0;
      const states: string[] = [];
      alice.chat.on('send-state', (m) => states.push(m.state));

      const sent = await alice.chat.sendC2C('bob', text('once'));

      expect(sent).toMatchObject({ state: 'sent', seq: 1, attempts: 2 });
      expect(states).toEqual(['sending', 'sent']);
      expect(server.messages.get(AB)).toHaveLength(1);
      const randoms = server.requests
        .filter((r) => r.cmd === 'msg.send-c2c')
        .map((r) => r.data.random);
      expect(randoms).toEqual([sent.random, sent.random]);
      await waitFor(() => bob.received.length === 1);
    });

    it('marks a refused send failed with the platform code and resends it with the same random', async () => {
      const alice = await device('alice');
      await device('bob');
      let refused = false;
      server.refuse = (cmd) =>
        cmd === 'msg.send-c2c' && !refused ? ((refused = true), 20007) : undefined;

      const error = await alice.chat.sendC2C('bob', text('blocked')).catch((e: ImError) => e);

      expect(error).toMatchObject({ code: 20007 });
      const [failed] = alice.chat.outgoing();
      expect(failed).toMatchObject({ state: 'failed', error: { code: 20007 } });
      const resent: OutgoingMessage = await alice.chat.resend(failed.localId);
      expect(resent).toMatchObject({ state: 'sent', random: failed.random, seq: 1 });
    });

    it('retries a send answered busy after its retryAfterMs with the same random, stored once', async () => {
      const alice = await device('alice', { sendRetries: 3 });
      const bob = await device('bob');
      let busy = 2;
      server.refuse = (cmd) =>
        cmd === 'msg.send-c2c' && busy-- > 0 ? { code: 60018, retryAfterMs: 30 } : undefined;

      const sent = await alice.chat.sendC2C('bob', text('later'));

      expect(sent).toMatchObject({ state: 'sent', seq: 1, attempts: 3 });
      const randoms = server.requests
        .filter((r) => r.cmd === 'msg.send-c2c')
        .map((r) => r.data.random);
      expect(randoms).toEqual([sent.random, sent.random, sent.random]);
      expect(server.messages.get(AB)).toHaveLength(1);
      await waitFor(() => bob.received.length === 1);
    });

    it('gives up a send still answered busy after its retries and tells the caller why', async () => {
      const alice = await device('alice', { sendRetries: 2 });
      await device('bob');
      server.refuse = (cmd) =>
        cmd === 'msg.send-c2c' ? { code: 60018, retryAfterMs: 10 } : undefined;

      const error = await alice.chat.sendC2C('bob', text('never')).catch((e: ImError) => e);

      expect(error).toMatchObject({ code: 60018, retryAfterMs: 10 });
      expect(server.requests.filter((r) => r.cmd === 'msg.send-c2c')).toHaveLength(3);
      const [failed] = alice.chat.outgoing();
      expect(failed).toMatchObject({ state: 'failed', attempts: 3, error: { code: 60018 } });
    });

    it('sends to a group and every member device gets it', async () => {
      server.createGroup('g1', ['alice', 'bob', 'carol']);
      const alice = await device('alice');
      const bob = await device('bob');
      const carol = await device('carol');

      const sent = await alice.chat.sendGroup('g1', text('hi all'));

      expect(sent).toMatchObject({ convId: 'group:g1', seq: 1 });
      await waitFor(() => bob.received.length === 1 && carol.received.length === 1);
      expect(bob.chat.conversation('group:g1')).toMatchObject({ unread: 1, type: 'GROUP' });
    });
  });

  describe('order and exactly once', () => {
    it('fills a hole before a message that came early and delivers in order', async () => {
      await device('alice');
      const bob = await device('bob');
      server.dropPush = (_user, cmd, data) => cmd === 'msg' && [2, 3].includes(data.seq as number);

      for (let i = 1; i <= 4; i++) server.sendText('alice', 'bob', `m${i}`);

      await waitFor(() => bob.received.length === 4);
      expect(bob.received.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    });

    it('drops duplicate pushes', async () => {
      const bob = await device('bob');
      server.duplicatePushes = true;

      for (let i = 1; i <= 3; i++) server.sendText('alice', 'bob', `m${i}`);
      server.sendText('carol', 'bob', 'marker');

      await waitFor(() => bob.texts().includes('marker'));
      expect(bob.texts()).toEqual(['m1', 'm2', 'm3', 'marker']);
    });

    it('does not wait for numbers that have no message (skipped seqs)', async () => {
      const bob = await device('bob');
      server.sendText('alice', 'bob', 'before');
      server.skipSeqs(AB, 5);

      server.sendText('alice', 'bob', 'after');

      await waitFor(() => bob.received.length === 2);
      expect(bob.received.map((m) => m.seq)).toEqual([1, 7]);
    });

    it('delivers a new conversation from its first message, on the sender’s other device too', async () => {
      const alicePhone = await device('alice', { platform: 'Android' });
      const aliceWeb = await device('alice');
      const bob = await device('bob');

      const syncsBefore = server.requests.filter((r) => r.cmd === 'msg.sync').length;
      await aliceWeb.chat.sendC2C('bob', text('first'));
      await aliceWeb.chat.sendC2C('bob', text('second'));

      await waitFor(() => bob.received.length === 2 && alicePhone.received.length === 2);
      expect(bob.texts()).toEqual(['first', 'second']);
      expect(alicePhone.texts()).toEqual(['first', 'second']);
      // A C2C conversation starts at seq 1: nothing before it to ask for.
      expect(server.requests.filter((r) => r.cmd === 'msg.sync')).toHaveLength(syncsBefore);
      expect(bob.chat.conversation(ConversationIds.c2c('alice', 'bob'))).toMatchObject({
        lastSeq: 2,
        unread: 2,
      });
    });
  });

  describe('offline and reconnect', () => {
    it('catches up the unread messages of a user who was offline, in order, at login', async () => {
      for (let i = 1; i <= 150; i++) server.sendText('alice', 'bob', `m${i}`);
      server.sendText('carol', 'bob', 'from carol');

      const bob = await device('bob');

      await waitFor(() => bob.received.length === 151);
      const fromAlice = bob.received.filter((m) => m.convId === AB).map((m) => m.seq);
      expect(fromAlice).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
      expect(bob.chat.conversation(AB)).toMatchObject({ unread: 150, lastSeq: 150 });
      expect(bob.chat.totalUnread()).toBe(151);
    });

    it('delivers nothing old with catchUp none, but lists the unread counts', async () => {
      for (let i = 1; i <= 3; i++) server.sendText('alice', 'bob', `m${i}`);

      const bob = await device('bob', { catchUp: 'none' });
      server.sendText('alice', 'bob', 'new');

      await waitFor(() => bob.received.length === 1);
      expect(bob.texts()).toEqual(['new']);
      expect(bob.chat.conversation(AB)).toMatchObject({ unread: 4 });
    });

    it('keeps reconnecting when the gateway cuts a login still pending (4003), and catches up', async () => {
      const bob = await device('bob');
      let cut = 0;
      server.refuse = (cmd) => {
        // As the gateway's login timer would: the connection ends before the login is answered.
        if (cmd === 'login' && cut++ === 0) server.disconnect(undefined, 4003);
        return undefined;
      };
      const reconnected = new Promise((resolve) => bob.client.once('reconnected', resolve));

      server.disconnect('bob');
      server.sendText('alice', 'bob', 'while away');
      await reconnected;

      await waitFor(() => bob.received.length === 1);
      expect(cut).toBe(2);
      expect(bob.client.state).toBe('connected');
      expect(bob.texts()).toEqual(['while away']);
    });

    it('resumes after a reconnect with a sync and a gap-fill: nothing lost, nothing twice', async () => {
      const bob = await device('bob');
      server.sendText('alice', 'bob', 'm1');
      await waitFor(() => bob.received.length === 1);
      const reconnected = new Promise((resolve) => bob.client.once('reconnected', resolve));

      server.setDown();
      server.disconnect('bob');
      await waitFor(() => bob.client.state === 'reconnecting');
      for (let i = 2; i <= 6; i++) server.sendText('alice', 'bob', `m${i}`);
      server.sendText('dave', 'bob', 'new conversation');
      server.up();
      await reconnected;
      server.duplicatePushes = true;
      server.sendText('alice', 'bob', 'm7');

      await waitFor(() => bob.received.length === 8);
      expect(bob.received.filter((m) => m.convId === AB).map(textOf)).toEqual([
        'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7',
      ]); // prettier-ignore
      expect(bob.texts()).toContain('new conversation');
    });

    /** Bob misses `count` messages from each of `peers` while away, then comes back. */
    const missWhileAway = async (
      bob: Awaited<ReturnType<typeof device>>,
      peers: string[],
      count: number,
    ) => {
      const reconnected = new Promise((resolve) => bob.client.once('reconnected', resolve));
      server.setDown();
      server.disconnect('bob');
      await waitFor(() => bob.client.state === 'reconnecting');
      const mark = server.requests.length;
      for (const peer of peers)
        for (let i = 1; i <= count; i++) server.sendText(peer, 'bob', `${peer} ${i}`);
      server.up();
      await reconnected;
      return mark;
    };
    const fromPeer = (bob: Awaited<ReturnType<typeof device>>, peer: string) =>
      bob.received.filter((m) => m.from === peer).map(textOf);

    it('gets what it missed in several conversations inline with the one sync after a reconnect, without a pull', async () => {
      const bob = await device('bob');
      server.sendText('alice', 'bob', 'before');
      server.sendText('carol', 'bob', 'before');
      await waitFor(() => bob.received.length === 2);

      const mark = await missWhileAway(bob, ['alice', 'carol', 'dave'], 5);
      await bob.chat.whenSynced();

      await waitFor(() => bob.received.length === 17);
      expect(fromPeer(bob, 'alice')).toEqual([
        'before',
        ...[1, 2, 3, 4, 5].map((i) => `alice ${i}`),
      ]);
      expect(fromPeer(bob, 'carol')).toEqual([
        'before',
        ...[1, 2, 3, 4, 5].map((i) => `carol ${i}`),
      ]);
      expect(fromPeer(bob, 'dave')).toEqual([1, 2, 3, 4, 5].map((i) => `dave ${i}`));
      const after = server.requests.slice(mark);
      expect(after.filter((r) => r.cmd === 'msg.sync').map((r) => r.data.withMessages)).toEqual([
        20,
      ]);
      expect(after.filter((r) => r.cmd === 'msg.pull')).toHaveLength(0);
    });

    it('pulls what an inline answer capped by the service left out: nothing lost, nothing twice', async () => {
      const bob = await device('bob');
      server.syncInlineMax = 4;

      const mark = await missWhileAway(bob, ['alice', 'carol', 'dave'], 5);
      await bob.chat.whenSynced();

      await waitFor(() => bob.received.length === 15);
      for (const peer of ['alice', 'carol', 'dave'])
        expect(fromPeer(bob, peer)).toEqual([1, 2, 3, 4, 5].map((i) => `${peer} ${i}`));
      expect(
        server.requests.slice(mark).filter((r) => r.cmd === 'msg.pull').length,
      ).toBeGreaterThan(0);
    });

    it('syncs without messages and pulls the holes with syncWithMessages 0', async () => {
      const bob = await device('bob', { syncWithMessages: 0 });

      const mark = await missWhileAway(bob, ['alice', 'carol'], 3);
      await bob.chat.whenSynced();

      await waitFor(() => bob.received.length === 6);
      const after = server.requests.slice(mark);
      expect(after.filter((r) => r.cmd === 'msg.sync').map((r) => r.data.withMessages)).toEqual([
        undefined,
      ]);
      expect(after.filter((r) => r.cmd === 'msg.pull')).toHaveLength(2);
      expect(fromPeer(bob, 'carol')).toEqual(['carol 1', 'carol 2', 'carol 3']);
    });

    it('retries the sync after a login while the platform answers "busy", and catches up without waiting for the periodic sync', async () => {
      server.sendText('alice', 'bob', 'missed 1');
      server.sendText('alice', 'bob', 'missed 2');
      let busy = 2;
      server.refuse = (cmd) => (cmd === 'msg.sync' && busy-- > 0 ? 90994 : undefined);
      const errors: Error[] = [];
      const bob = await device('bob', { connect: false });
      bob.chat.on('error', (err) => errors.push(err));
      await bob.client.connect();
      await bob.chat.whenSynced();

      expect(bob.texts()).toEqual(['missed 1', 'missed 2']);
      expect(errors.map((e) => (e as ImError).code)).toEqual([90994, 90994]);
      expect(server.requests.filter((r) => r.cmd === 'msg.sync')).toHaveLength(3);
    });

    it('pulls a hole again at the periodic sync after its gap-fill gave up on "busy", though the sync shows no change', async () => {
      let busy = true;
      server.refuse = (cmd) => (cmd === 'msg.pull' && busy ? 60018 : undefined);
      const bob = await device('bob', {
        syncWithMessages: 0,
        syncIntervalMs: 20,
        stream: { holeRetryDelaysMs: [5, 5], busyRetryDelaysMs: [5] },
      });
      bob.chat.on('error', () => undefined);
      await missWhileAway(bob, ['alice'], 3);
      // the gap-fill asked twice, was told "busy" both times and gave up
      await waitFor(() => server.requests.filter((r) => r.cmd === 'msg.pull').length >= 2);
      const syncs = server.requests.filter((r) => r.cmd === 'msg.sync').length;
      await waitFor(() => server.requests.filter((r) => r.cmd === 'msg.sync').length > syncs + 1);
      expect(bob.received).toEqual([]);

      busy = false;
      await waitFor(() => bob.received.length === 3);
      expect(fromPeer(bob, 'alice')).toEqual(['alice 1', 'alice 2', 'alice 3']);
    });

    it('refuses a request while a reconnect is logging in: the gateway never sees it before the login', async () => {
      const bob = await device('bob');
      let holdLogin = true;
      server.dropAnswer = (cmd) => cmd === 'login' && holdLogin;
      const logins = () => server.requests.filter((r) => r.cmd === 'login').length;
      const sends = () => server.requests.filter((r) => r.cmd === 'msg.send-c2c').length;
      const before = logins();
      server.disconnect('bob');
      await waitFor(() => logins() > before);

      await expect(
        bob.client.request('msg.send-c2c', { to: 'alice', body: text('early'), random: 5 }),
      ).rejects.toMatchObject({ code: SdkErrorCodes.Disconnected });
      expect(sends()).toBe(0);

      holdLogin = false;
      await waitFor(() => bob.client.state === 'connected');
      await bob.client.request('msg.send-c2c', { to: 'alice', body: text('later'), random: 6 });
      expect(sends()).toBe(1);
    });

    it('does not retry a resume step the platform refuses for good', async () => {
      server.refuse = (cmd) => (cmd === 'msg.sync' ? 90009 : undefined);
      const bob = await device('bob', { connect: false });
      bob.chat.on('error', () => undefined);
      await bob.client.connect();
      await bob.chat.whenSynced();
      expect(server.requests.filter((r) => r.cmd === 'msg.sync')).toHaveLength(1);
    });

    it('moves on to the next endpoint when one is down', async () => {
      server.setDown('ws://down/ws');
      const client = new ImClient({
        url: ['ws://down/ws', URL],
        sdkAppId: 1,
        userId: 'erin',
        userSig: 'sig',
        socketFactory: server.socketFactory,
        reconnectDelayMs: { initial: 5, max: 20 },
      });
      chats.push(new ImChat(client));

      await expect(client.connect()).rejects.toBeInstanceOf(ImError);
      await expect(client.connect()).resolves.toMatchObject({ connId: expect.any(String) });
      expect(client.url).toBe(URL);
    });

    it('retries a send that was cut off by a lost connection once the client is back', async () => {
      const alice = await device('alice');
      const bob = await device('bob');
      let dropped = false;
      server.dropAnswer = (cmd) => {
        if (cmd !== 'msg.send-c2c' || dropped) return false;
        dropped = true;
        setImmediate(() => server.disconnect('alice'));
        return true;
      };

      const sent = await alice.chat.sendC2C('bob', text('through a reconnect'));

      expect(sent).toMatchObject({ state: 'sent', seq: 1 });
      expect(server.messages.get(AB)).toHaveLength(1);
      await waitFor(() => bob.received.length === 1);
    });
  });

  describe('conversations, read state and recall', () => {
    it('syncs unread counts and read positions across two devices and tells the sender', async () => {
      const alice = await device('alice');
      const bobWeb = await device('bob');
      const bobPhone = await device('bob', { platform: 'Android' });
      for (let i = 1; i <= 3; i++) await alice.chat.sendC2C('bob', text(`m${i}`));
      await waitFor(
        () =>
          bobWeb.chat.conversation(AB)?.unread === 3 &&
          bobPhone.chat.conversation(AB)?.unread === 3,
      );
      const receipts: unknown[] = [];
      alice.chat.on('read-receipt', (r) => receipts.push(r));

      await expect(bobWeb.chat.markRead(AB)).resolves.toEqual({ readSeq: 3, unread: 0 });

      await waitFor(() => bobPhone.chat.conversation(AB)?.unread === 0);
      expect(bobPhone.chat.conversation(AB)).toMatchObject({ readSeq: 3 });
      await waitFor(() => receipts.length === 1);
      expect(receipts).toEqual([{ convId: AB, userId: 'bob', readSeq: 3 }]);
    });

    it('tells online clients of a recall', async () => {
      const alice = await device('alice');
      const bob = await device('bob');
      const sent = await alice.chat.sendC2C('bob', text('oops'));
      await waitFor(() => bob.received.length === 1);
      const recalled: unknown[] = [];
      bob.chat.on('message-recalled', (e) => recalled.push(e));

      await alice.chat.recall(AB, sent.seq ?? 0);

      await waitFor(() => recalled.length === 1);
      expect(recalled).toEqual([{ convId: AB, seq: 1 }]);
      expect(bob.chat.conversation(AB)?.lastMessage?.isRecalled).toBe(true);
    });

    it('lists every conversation through a paged sync and later asks only for changes', async () => {
      for (const peer of ['p1', 'p2', 'p3', 'p4', 'p5']) server.sendText(peer, 'bob', 'hi');

      const bob = await device('bob', { syncPageSize: 2, catchUp: 'none' });

      expect(
        bob.chat
          .conversations()
          .map((c) => c.peer)
          .sort(),
      ).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
      const cursors = server.requests.filter((r) => r.cmd === 'msg.sync').map((r) => r.data.cursor);
      expect(cursors).toEqual([0, 2, 4]);
      server.sendText('p9', 'bob', 'new');
      await bob.chat.refresh();
      const last = server.requests.filter((r) => r.cmd === 'msg.sync').pop();
      expect(last?.data.cursor).toBeGreaterThanOrEqual(5);
      expect(bob.chat.conversations()[0]).toMatchObject({ peer: 'p9' });
    });

    it('removes a conversation deleted on another device', async () => {
      server.sendText('alice', 'bob', 'hi');
      const bobWeb = await device('bob');
      const bobPhone = await device('bob', { platform: 'Android' });
      expect(bobPhone.chat.conversation(AB)).toBeDefined();

      await bobWeb.chat.deleteConversation(AB);

      await waitFor(() => bobPhone.chat.conversation(AB) === undefined);
      expect(bobWeb.chat.conversations()).toEqual([]);
    });

    it('pages the history backwards', async () => {
      for (let i = 1; i <= 45; i++) server.sendText('alice', 'bob', `m${i}`);
      const bob = await device('bob', { catchUp: 'none' });

      const first = await bob.chat.getHistory(AB, { limit: 20 });
      const second = await bob.chat.getHistory(AB, { fromSeq: first.nextSeq, limit: 20 });
      const third = await bob.chat.getHistory(AB, { fromSeq: second.nextSeq, limit: 20 });

      expect(first.messages.map((m) => m.seq)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 26),
      );
      expect(second.messages[0].seq).toBe(6);
      expect(third).toMatchObject({ isComplete: true });
      expect(third.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    });
  });

  describe('notifications and edits', () => {
    it('delivers system notifications once, including those missed while reconnecting', async () => {
      const bob = await device('bob');
      const got: string[] = [];
      bob.chat.on('notify', (n) => got.push(n.kind));
      server.notify('bob', 'group.member-joined');
      await waitFor(() => got.length === 1);
      const back = new Promise((resolve) => bob.client.once('reconnected', resolve));

      server.setDown();
      server.disconnect('bob');
      await waitFor(() => bob.client.state === 'reconnecting');
      server.notify('bob', 'relation.friend-added');
      server.up();
      await back;

      await waitFor(() => got.length === 2);
      expect(got).toEqual(['group.member-joined', 'relation.friend-added']);
      expect(bob.chat.notificationsCursor()).toBe(2);
    });

    it('does not let a notification pushed during the catch-up hide older ones still to fetch', async () => {
      const bob = await device('bob');
      const got: string[] = [];
      bob.chat.on('notify', (n) => got.push(n.kind));
      server.notify('bob', 'first');
      await waitFor(() => got.length === 1);
      const back = new Promise((resolve) => bob.client.once('reconnected', resolve));

      server.setDown();
      server.disconnect('bob');
      await waitFor(() => bob.client.state === 'reconnecting');
      server.notify('bob', 'missed'); // kept, not pushed: bob is away
      // A newer one is pushed right after the login, before the client fetches what it missed.
      let armed = true;
      server.refuse = (cmd, _data, userId) => {
        if (armed && cmd === 'msg.sync' && userId === 'bob') {
          armed = false;
          server.notify('bob', 'newer');
        }
        return undefined;
      };
      server.up();
      await back;

      await waitFor(() => got.length === 3);
      expect([...got].sort()).toEqual(['first', 'missed', 'newer']);
      expect(bob.chat.notificationsCursor()).toBe(3);
    });

    it('raises every notification of a live room (all id 0, not kept) without moving the cursor', async () => {
      const bob = await device('bob');
      const got: string[] = [];
      bob.chat.on('notify', (n) => got.push(n.kind));
      await bob.chat.joinRoom('live');
      server.notifyRoom('live', 'group.member-joined');
      server.notifyRoom('live', 'group.attr-changed');
      server.notifyRoom('live', 'group.attr-changed');
      await waitFor(() => got.length === 3);
      expect(got).toEqual(['group.member-joined', 'group.attr-changed', 'group.attr-changed']);
      expect(bob.chat.notificationsCursor()).toBeUndefined();
    });

    it('tells the other side of an edit', async () => {
      const alice = await device('alice');
      const bob = await device('bob');
      const sent = await alice.chat.sendC2C('bob', text('tpyo'));
      const edited: ChatMessage[] = [];
      bob.chat.on('message-modified', (m) => edited.push(m));

      await alice.chat.edit(AB, sent.seq ?? 0, { body: text('typo') });

      await waitFor(() => edited.length === 1);
      expect(textOf(edited[0])).toBe('typo');
      expect(bob.chat.conversation(AB)?.lastMessage?.editedAt).toEqual(expect.any(Number));
    });
  });

  describe('live rooms', () => {
    it('delivers a room’s messages to a guest once, in order, and joins again after a reconnect', async () => {
      const client = new ImClient({
        url: URL,
        sdkAppId: 1,
        guest: true,
        socketFactory: server.socketFactory,
        reconnectDelayMs: { initial: 5, max: 20 },
      });
      const guest = new ImChat(client, { stream: { holeRetryDelaysMs: [5] } });
      chats.push(guest);
      const got: number[] = [];
      guest.on('message', (m) => got.push(m.seq));
      await client.connect();
      server.sendToRoom('live', 'host', 'before joining');

      await guest.joinRoom('live');
      server.sendToRoom('live', 'host', 'one');
      server.sendToRoom('live', 'host', 'two');
      await waitFor(() => got.length === 2);
      const back = new Promise((resolve) => client.once('reconnected', resolve));
      server.disconnect();
      await back;
      await guest.whenSynced();
      server.sendToRoom('live', 'host', 'three');

      await waitFor(() => got.length === 3);
      expect(got).toEqual([2, 3, 4]);
      expect(guest.conversations()).toEqual([]);
      await expect(guest.sendGroup('live', text('no'))).rejects.toMatchObject({ code: 70002 });
    });
  });
});

describe(resumeBackoffMs.name, () => {
  it('grows from 0.5 s to at most 15 s, each pause between half and the whole of its ceiling', () => {
    expect(resumeBackoffMs(0, () => 0)).toBe(250);
    expect(resumeBackoffMs(0, () => 1)).toBe(500);
    expect(resumeBackoffMs(3, () => 1)).toBe(4000);
    expect(resumeBackoffMs(30, () => 1)).toBe(15_000);
    expect(resumeBackoffMs(30, () => 0)).toBe(7500);
  });
});
