/**
 * Delivery on real servers (ADR 0004): presence entries in Redis point at fake gateway nodes,
 * and subscribers on `conn.deliver.<node>` / `conn.room.<app>.<group>` see what each node gets
 * — one batch per node, the sender's other devices included and its sending connection left
 * out, SyncOtherMachine 2 honoured, MsgFlag per member, offline-push requests for those not
 * online, and a room message published once whatever the room's size.
 */
import { randomUUID } from 'node:crypto';

import { ConversationIds, MessageEvt, MessageRpc } from '@im/contracts';
import type { ChatMessage, DeliveryBatch, OfflinePushRequestedEvent } from '@im/contracts';
import { waitFor } from '@im/testing';

import { itemsOf, MessageWorld, recordNode, recordRoom, rnd, text } from './message.harness';
import type { Recorder } from './message.harness';

jest.setTimeout(60_000);

let world: MessageWorld;
let offline: Recorder<OfflinePushRequestedEvent>;

beforeAll(async () => {
  world = await MessageWorld.start();
  offline = await world.record<OfflinePushRequestedEvent>(MessageEvt.OfflinePushRequested);
});

afterAll(async () => {
  offline?.stop();
  await world?.stop();
});

/** A node name of its own per test (no other test's batches). */
const node = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

/** Waits until the delivery of a send has surely happened (a marker message reached bob). */
async function settled(nodes: Recorder<DeliveryBatch>[], sdkAppId: number, count: number) {
  await waitFor(
    () =>
      nodes.reduce((n, r) => n + itemsOf(r.values, sdkAppId).length, 0) >= count ? true : null,
    { timeoutMs: 5000, message: `${count} delivery items` },
  );
}

describe('C2C delivery', () => {
  it('sends one batch per node: the receiver’s sessions and the sender’s other devices, not the sending connection', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const [n1, n2, n3] = [node('n1'), node('n2'), node('n3')];
    const [r1, r2, r3] = await Promise.all([n1, n2, n3].map((n) => recordNode(world, n)));
    await app.online('alice', 'alice-web', n1);
    await app.online('alice', 'alice-phone', n2, { platform: 'Android' });
    await app.online('bob', 'bob-web', n1);
    await app.online('bob', 'bob-pc', n1, { platform: 'PC' });
    await app.online('bob', 'bob-old', n3, { expiresAt: Date.now() - 1000 });

    const reply = await app.user(
      'alice',
      MessageRpc.SendC2c,
      { to: 'bob', random: rnd(), body: text('hi') },
      'alice-web',
    );
    await settled([r1, r2], app.sdkAppId, 2);

    expect(r1.values).toHaveLength(1);
    expect(itemsOf(r1.values, app.sdkAppId)).toEqual([
      expect.objectContaining({
        userId: 'bob',
        cmd: 'msg',
        data: expect.objectContaining({ seq: reply.seq }),
      }),
    ]);
    expect(itemsOf(r1.values, app.sdkAppId)[0].exceptConnId).toBeUndefined();
    expect(r2.values).toHaveLength(1);
    expect(itemsOf(r2.values, app.sdkAppId)).toEqual([
      expect.objectContaining({ userId: 'alice', exceptConnId: 'alice-web', cmd: 'msg' }),
    ]);
    expect(r3.values).toHaveLength(0);
    const message = itemsOf(r1.values, app.sdkAppId)[0].data as ChatMessage;
    expect(message).toMatchObject({
      convId: ConversationIds.c2c('alice', 'bob'),
      type: 'C2C',
      seq: reply.seq,
      time: reply.time,
      msgKey: reply.msgKey,
      from: 'alice',
      to: 'bob',
      body: text('hi'),
    });
    [r1, r2, r3].forEach((r) => r.stop());
  });

  it('leaves the sender out entirely with SyncOtherMachine 2', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const n1 = node('n1');
    const r1 = await recordNode(world, n1);
    await app.online('alice', 'alice-phone', n1);
    await app.online('bob', 'bob-web', n1);

    await app.admin(MessageRpc.SendC2c, {
      from: 'alice',
      to: 'bob',
      random: rnd(),
      body: text('quiet'),
      syncOtherMachine: 2,
    });
    await settled([r1], app.sdkAppId, 1);
    // A second message with sync shows the first's batch was alone.
    await app.admin(MessageRpc.SendC2c, {
      from: 'alice',
      to: 'bob',
      random: rnd(),
      body: text('loud'),
    });
    await settled([r1], app.sdkAppId, 3);

    expect(
      itemsOf(r1.values, app.sdkAppId).map((i) => [i.userId, (i.data as ChatMessage).body]),
    ).toEqual([
      ['bob', text('quiet')],
      ['bob', text('loud')],
      ['alice', text('loud')],
    ]);
    r1.stop();
  });

  it('asks for an offline push when the receiver has no foreground session, not otherwise', async () => {
    const app = await world.newApp(['alice', 'bob', 'carol', 'dave']);
    const n1 = node('n1');
    const r1 = await recordNode(world, n1);
    await app.online('bob', 'bob-web', n1);
    await app.online('dave', 'dave-phone', n1, { status: 'PushOnline' });

    const toCarol = await app.user('alice', MessageRpc.SendC2c, {
      to: 'carol',
      random: rnd(),
      body: text('c'),
    });
    const toDave = await app.user('alice', MessageRpc.SendC2c, {
      to: 'dave',
      random: rnd(),
      body: text('d'),
    });
    await app.user('alice', MessageRpc.SendC2c, { to: 'bob', random: rnd(), body: text('b') });
    await app.user('alice', MessageRpc.SendC2c, {
      to: 'carol',
      random: rnd(),
      body: text('no push'),
      offlinePush: { PushFlag: 1 },
    });
    await settled([r1], app.sdkAppId, 2);

    await waitFor(() =>
      offline.values.filter((e) => e.sdkAppId === app.sdkAppId).length >= 2 ? true : null,
    );
    const events = offline.values.filter((e) => e.sdkAppId === app.sdkAppId);
    expect(events.map((e) => [e.userIds, e.message.seq, e.message.convId]).sort()).toEqual(
      [
        [['carol'], toCarol.seq, toCarol.convId],
        [['dave'], toDave.seq, toDave.convId],
      ].sort(),
    );
    // Dave's background session still gets the message pushed.
    expect(
      itemsOf(r1.values, app.sdkAppId)
        .map((i) => i.userId)
        .sort(),
    ).toEqual(['bob', 'dave']);
    r1.stop();
  });
});

describe('group delivery', () => {
  it('pushes to every member but Discard ones, and asks offline pushes for AcceptAndNotify members only', async () => {
    const app = await world.newApp(['owner', 'm1', 'm2', 'm3', 'm4']);
    world.fakes.addGroup(app.sdkAppId, 'team', 'Public', {
      owner: { role: 'Owner' },
      m1: {},
      m2: { msgFlag: 'Discard' },
      m3: { msgFlag: 'AcceptNotNotify' },
      m4: {},
    });
    const [n1, n2] = [node('n1'), node('n2')];
    const [r1, r2] = await Promise.all([recordNode(world, n1), recordNode(world, n2)]);
    await app.online('owner', 'owner-web', n1);
    await app.online('owner', 'owner-pad', n2);
    await app.online('m1', 'm1-web', n1);
    await app.online('m2', 'm2-web', n1);

    const reply = await app.user(
      'owner',
      MessageRpc.SendGroup,
      { groupId: 'team', random: rnd(), body: text('all') },
      'owner-web',
    );
    await settled([r1, r2], app.sdkAppId, 2);

    expect(reply).toMatchObject({ convId: ConversationIds.group('team'), seq: 1, msgKey: '1' });
    expect(r1.values).toHaveLength(1);
    expect(itemsOf(r1.values, app.sdkAppId).map((i) => i.userId)).toEqual(['m1']);
    expect(itemsOf(r2.values, app.sdkAppId)).toEqual([
      expect.objectContaining({ userId: 'owner', exceptConnId: 'owner-web' }),
    ]);
    await waitFor(() => offline.values.find((e) => e.sdkAppId === app.sdkAppId) ?? null);
    expect(offline.values.filter((e) => e.sdkAppId === app.sdkAppId).map((e) => e.userIds)).toEqual(
      [['m4']],
    );
    [r1, r2].forEach((r) => r.stop());
  });

  it('carries the sending member’s NameCard from the group’s send context (MSG-10)', async () => {
    const app = await world.newApp(['owner', 'm1']);
    world.fakes.addGroup(app.sdkAppId, 'cards', 'Public', {
      owner: { role: 'Owner', nameCard: 'Boss' },
      m1: {},
    });
    const n1 = node('n1');
    const r1 = await recordNode(world, n1);
    await app.online('m1', 'm1-web', n1);

    await app.user('owner', MessageRpc.SendGroup, {
      groupId: 'cards',
      random: rnd(),
      body: text('hi'),
    });
    await settled([r1], app.sdkAppId, 1);

    const [item] = itemsOf(r1.values, app.sdkAppId);
    expect(item.data).toMatchObject({ from: 'owner', senderNameCard: 'Boss' });
    r1.stop();
  });

  it('publishes a live-room message once on the room subject, whatever the room size, and keeps it for replay', async () => {
    const app = await world.newApp(['host']);
    const members = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`viewer${i}`, {}]));
    world.fakes.addGroup(app.sdkAppId, 'live', 'AVChatRoom', {
      host: { role: 'Owner' },
      ...members,
    });
    const room = await recordRoom(world, app.sdkAppId, 'live');
    const n1 = node('n1');
    const r1 = await recordNode(world, n1);
    await app.online('viewer1', 'v1', n1);

    const reply = await app.user('host', MessageRpc.SendGroup, {
      groupId: 'live',
      random: rnd(),
      body: text('gift'),
    });
    await waitFor(() => (room.values.length ? true : null));
    await app.user('host', MessageRpc.SendGroup, {
      groupId: 'live',
      random: rnd(),
      body: text('next'),
    });
    await waitFor(() => (room.values.length >= 2 ? true : null));

    expect(room.values).toHaveLength(2);
    expect(room.values[0]).toEqual({
      cmd: 'msg',
      data: expect.objectContaining({
        seq: reply.seq,
        from: 'host',
        to: 'live',
        body: text('gift'),
      }),
    });
    expect(r1.values).toHaveLength(0);
    expect(
      world.fakes
        .callsOf('group.rpc.get-delivery-members')
        .filter((c) => c.sdkAppId === app.sdkAppId),
    ).toEqual([]);
    const replay = await app.user('host', MessageRpc.Pull, {
      convId: ConversationIds.group('live'),
      fromSeq: 1,
    });
    expect(replay.messages.map((m) => m.body)).toEqual([text('gift'), text('next')]);
    const { rows } = await world.pg.query('SELECT 1 FROM messages WHERE sdk_app_id = $1', [
      app.sdkAppId,
    ]);
    expect(rows).toHaveLength(0);
    room.stop();
    r1.stop();
  });

  it('stores a live-room message once when its retry comes after the answer was lost (the storing process died)', async () => {
    const app = await world.newApp(['host']);
    world.fakes.addGroup(app.sdkAppId, 'live-retry', 'AVChatRoom', { host: { role: 'Owner' } });
    const room = await recordRoom(world, app.sdkAppId, 'live-retry');
    const send = { groupId: 'live-retry', random: rnd(), body: text('once') };

    const first = await app.user('host', MessageRpc.SendGroup, send);
    // What a kill -9 between storing and answering leaves: no dedupe answer in Redis.
    const convId = ConversationIds.group('live-retry');
    await world.redis.del(`message:${app.sdkAppId}:dedupe:${convId}:host:${send.random}`);
    const retry = await app.user('host', MessageRpc.SendGroup, send);
    await app.user('host', MessageRpc.SendGroup, { ...send, random: rnd(), body: text('next') });
    await waitFor(() => (room.values.length >= 2 ? true : null));

    expect(retry).toMatchObject({ seq: first.seq, time: first.time, msgKey: first.msgKey });
    expect(room.values.map((v) => (v.data as ChatMessage).body)).toEqual([
      text('once'),
      text('next'),
    ]);
    const replay = await app.user('host', MessageRpc.Pull, { convId, fromSeq: 1 });
    expect(replay.messages.map((m) => m.body)).toEqual([text('once'), text('next')]);
    room.stop();
  });

  it('lets only the App admin send in a BChatRoom, once on the room subject', async () => {
    const app = await world.newApp(['fan']);
    world.fakes.addGroup(app.sdkAppId, 'broadcast', 'BChatRoom', { fan: {} });
    const room = await recordRoom(world, app.sdkAppId, 'broadcast');

    await expect(
      app.user('fan', MessageRpc.SendGroup, {
        groupId: 'broadcast',
        random: rnd(),
        body: text('me'),
      }),
    ).rejects.toMatchObject({ code: 10007 });
    await app.admin(MessageRpc.SendGroup, {
      groupId: 'broadcast',
      random: rnd(),
      body: text('news'),
    });
    await waitFor(() => (room.values.length ? true : null));

    expect(room.values.map((r) => (r.data as ChatMessage).from)).toEqual(['administrator']);
    room.stop();
  });
});

describe('online-only messages', () => {
  it('delivers without storing, with seq 0', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const n1 = node('n1');
    const r1 = await recordNode(world, n1);
    await app.online('bob', 'bob-web', n1);

    const reply = await app.user('alice', MessageRpc.SendC2c, {
      to: 'bob',
      random: rnd(),
      body: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'typing' } }],
      onlineOnly: true,
    });
    await settled([r1], app.sdkAppId, 1);

    expect(reply.seq).toBe(0);
    expect((itemsOf(r1.values, app.sdkAppId)[0].data as ChatMessage).seq).toBe(0);
    const { rows } = await world.pg.query('SELECT 1 FROM messages WHERE sdk_app_id = $1', [
      app.sdkAppId,
    ]);
    expect(rows).toHaveLength(0);
    r1.stop();
  });
});
