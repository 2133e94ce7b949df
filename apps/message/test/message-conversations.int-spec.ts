/**
 * Conversations, read state and message changes on real servers: sync with unread counts,
 * read positions that never move back and reach the user's other devices (and, C2C, the
 * sender), recall with its window, edit, deletion and its undoing by a new message, history
 * paging, the per-app roaming window, the send rules (blacklist, friendship, MsgSettings,
 * sensitive words), group unread and pre-join history, and tenant isolation.
 */
import { randomUUID } from 'node:crypto';

import { ConversationIds, GroupEvt, MessageRpc, RelationEvt } from '@im/contracts';
import type { ChatMessage, MsgElement, ReadPushData } from '@im/contracts';
import { waitFor } from '@im/testing';

import { codeOf, itemsOf, MessageWorld, recordNode, rnd, text } from './message.harness';
import type { TestApp } from './message.harness';

jest.setTimeout(60_000);

let world: MessageWorld;

beforeAll(async () => {
  world = await MessageWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

const C2C = ConversationIds.c2c('alice', 'bob');
const node = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const now = () => Math.floor(Date.now() / 1000);

async function say(app: TestApp, from: string, to: string, words: string, extra = {}) {
  return app.user(from, MessageRpc.SendC2c, { to, random: rnd(), body: text(words), ...extra });
}

async function conversationsOf(app: TestApp, userId: string) {
  const reply = await app.user(userId, MessageRpc.Sync, { cursor: 0 });
  return new Map(reply.conversations.map((c) => [c.convId, c]));
}

describe('sync and unread', () => {
  it('lists both users’ conversation with last message and unread, and returns only changes after a cursor', async () => {
    const app = await world.newApp(['alice', 'bob', 'carol']);
    await say(app, 'alice', 'bob', 'one');
    await say(app, 'alice', 'bob', 'two');
    await say(app, 'carol', 'bob', 'hey');

    const first = await app.user('bob', MessageRpc.Sync, { cursor: 0 });
    const byId = new Map(first.conversations.map((c) => [c.convId, c]));
    expect(byId.get(C2C)).toMatchObject({
      type: 'C2C',
      peer: 'alice',
      lastSeq: 2,
      readSeq: 0,
      unread: 2,
      lastMessage: expect.objectContaining({ seq: 2, body: text('two') }),
    });
    expect(byId.get(ConversationIds.c2c('bob', 'carol'))).toMatchObject({
      unread: 1,
      peer: 'carol',
    });
    expect((await conversationsOf(app, 'alice')).get(C2C)).toMatchObject({ unread: 0, readSeq: 2 });

    // Nothing changed: the cursor stays; a new message shows up after it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await say(app, 'alice', 'bob', 'three');
    const next = await app.user('bob', MessageRpc.Sync, { cursor: first.cursor });
    expect(next.conversations.find((c) => c.convId === C2C)).toMatchObject({
      lastSeq: 3,
      unread: 3,
    });
    expect(next.cursor).toBeGreaterThanOrEqual(first.cursor);
  });

  it('answers the newest unread messages inline with withMessages: after readSeq, never cleared ones, none without asking', async () => {
    const app = await world.newApp(['alice', 'bob', 'carol']);
    for (let i = 1; i <= 5; i++) await say(app, 'alice', 'bob', `m${i}`);
    await say(app, 'carol', 'bob', 'c1');
    await app.user('bob', MessageRpc.Read, { convId: C2C, seq: 2 });
    const inline = async (withMessages?: number) => {
      const reply = await app.user('bob', MessageRpc.Sync, { cursor: 0, withMessages });
      return Object.fromEntries(
        reply.conversations.map((c) => [c.convId, c.messages?.map((m) => m.seq)]),
      );
    };
    const CB = ConversationIds.c2c('carol', 'bob');

    expect(await inline(2)).toEqual({ [C2C]: [4, 5], [CB]: [1] });
    expect(await inline(10)).toEqual({ [C2C]: [3, 4, 5], [CB]: [1] });
    expect(await inline()).toEqual({ [C2C]: undefined, [CB]: undefined });
    const reply = await app.user('bob', MessageRpc.Sync, { cursor: 0, withMessages: 10 });
    expect(reply.messagesCut).toBeUndefined();
    expect(reply.conversations.find((c) => c.convId === C2C)?.messages?.[0]).toMatchObject({
      from: 'alice',
      body: text('m3'),
    });

    // Deleted with its history: nothing inline; a new message comes alone, the cleared stay out.
    await app.user('bob', MessageRpc.DeleteConversation, { convId: CB, clearHistory: true });
    expect((await inline(10))[CB]).toBeUndefined();
    await say(app, 'carol', 'bob', 'c2');
    expect((await inline(10))[CB]).toEqual([2]);
  });

  it('pages a long list with hasMore', async () => {
    const app = await world.newApp(['hub', ...Array.from({ length: 7 }, (_, i) => `p${i}`)]);
    for (let i = 0; i < 7; i++) await say(app, `p${i}`, 'hub', 'hi');
    const seen: string[] = [];
    let cursor = 0;
    for (let round = 0; round < 10; round++) {
      const page = await app.user('hub', MessageRpc.Sync, { cursor, limit: 3 });
      seen.push(...page.conversations.map((c) => c.peer));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect([...new Set(seen)].sort()).toEqual(Array.from({ length: 7 }, (_, i) => `p${i}`));
  });

  it('does not count NoUnread messages, and NoLastMsg ones do not become the last message', async () => {
    const app = await world.newApp(['alice', 'bob']);
    await say(app, 'alice', 'bob', 'counted');
    await say(app, 'alice', 'bob', 'silent', { sendControl: ['NoUnread'] });
    await say(app, 'alice', 'bob', 'hidden', { sendControl: ['NoLastMsg'] });

    expect((await conversationsOf(app, 'bob')).get(C2C)).toMatchObject({
      lastSeq: 3,
      unread: 2,
      lastMessage: expect.objectContaining({ body: text('silent') }),
    });
  });
});

describe('read', () => {
  it('moves the read position forward only, tells the reader’s other devices and the sender', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const n1 = node('n1');
    const r1 = await recordNode(world, n1);
    await app.online('bob', 'bob-web', n1);
    await app.online('bob', 'bob-phone', n1);
    await app.online('alice', 'alice-web', n1);
    for (const w of ['1', '2', '3', '4']) await say(app, 'alice', 'bob', w);
    r1.clear();

    const partial = await app.user('bob', MessageRpc.Read, { convId: C2C, seq: 2 }, 'bob-web');
    expect(partial).toEqual({ readSeq: 2, unread: 2 });
    const back = await app.user('bob', MessageRpc.Read, { convId: C2C, seq: 1 });
    expect(back).toEqual({ readSeq: 2, unread: 2 });
    const beyond = await app.user('bob', MessageRpc.Read, { convId: C2C, seq: 99 });
    expect(beyond).toEqual({ readSeq: 4, unread: 0 });

    const readsOf = () => itemsOf(r1.values, app.sdkAppId).filter((i) => i.cmd === 'msg.read');
    await waitFor(() => readsOf().length >= 4);
    const reads = readsOf();
    expect(reads.map((i) => [i.userId, (i.data as ReadPushData).readSeq, i.exceptConnId])).toEqual([
      ['bob', 2, 'bob-web'],
      ['alice', 2, undefined],
      ['bob', 4, undefined],
      ['alice', 4, undefined],
    ]);
    expect((await conversationsOf(app, 'bob')).get(C2C)).toMatchObject({ readSeq: 4, unread: 0 });
    r1.stop();
  });

  it('keeps group unread per member without writing per member, and sending reads up to one’s own message', async () => {
    const app = await world.newApp(['owner', 'ann', 'ben']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'Public', {
      owner: { role: 'Owner' },
      ann: {},
      ben: {},
    });
    const convId = ConversationIds.group('g');
    for (const u of ['owner', 'ann', 'ben'])
      await world.bus.publish(GroupEvt.MemberJoined, {
        sdkAppId: app.sdkAppId,
        groupId: 'g',
        groupType: 'Public',
        operatorId: 'administrator',
        byAppAdmin: true,
        notification: 'none',
        userIds: [u],
        joinKind: 'added',
      });
    await waitFor(async () => ((await conversationsOf(app, 'ben')).has(convId) ? true : null));

    for (const w of ['a', 'b', 'c'])
      await app.user('owner', MessageRpc.SendGroup, { groupId: 'g', random: rnd(), body: text(w) });
    await app.user('owner', MessageRpc.SendGroup, {
      groupId: 'g',
      random: rnd(),
      body: text('quiet'),
      sendControl: ['NoUnread'],
    });
    await app.user('ann', MessageRpc.SendGroup, { groupId: 'g', random: rnd(), body: text('ann') });

    expect((await conversationsOf(app, 'ben')).get(convId)).toMatchObject({
      type: 'GROUP',
      peer: 'g',
      lastSeq: 5,
      unread: 4,
      lastMessage: expect.objectContaining({ from: 'ann' }),
    });
    expect((await conversationsOf(app, 'ann')).get(convId)).toMatchObject({
      readSeq: 5,
      unread: 0,
    });
    expect((await conversationsOf(app, 'owner')).get(convId)).toMatchObject({
      readSeq: 4,
      unread: 1,
    });
    expect(await app.user('ben', MessageRpc.Read, { convId, seq: 3 })).toEqual({
      readSeq: 3,
      unread: 1,
    });
    expect(await app.user('ben', MessageRpc.Read, { convId, seq: 5 })).toEqual({
      readSeq: 5,
      unread: 0,
    });
    const { rows } = await world.pg.query(
      'SELECT count(*)::int AS n FROM conversations WHERE sdk_app_id = $1 AND conv_id = $2',
      [app.sdkAppId, convId],
    );
    expect(rows[0].n).toBe(3);
  });

  it('has no unread count in a ChatRoom (T22)', async () => {
    const app = await world.newApp(['a', 'b']);
    world.fakes.addGroup(app.sdkAppId, 'room', 'ChatRoom', { a: {}, b: {} });
    await app.user('a', MessageRpc.SendGroup, { groupId: 'room', random: rnd(), body: text('x') });
    await app.user('b', MessageRpc.Read, { convId: ConversationIds.group('room'), seq: 0 + 1 });
    await app.user('a', MessageRpc.SendGroup, { groupId: 'room', random: rnd(), body: text('y') });

    expect((await conversationsOf(app, 'b')).get(ConversationIds.group('room'))).toMatchObject({
      unread: 0,
    });
  });
});

describe('recall and edit', () => {
  it('lets the sender recall within the window: the message becomes a recall mark and both sides hear of it', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const n1 = node('n1');
    const r1 = await recordNode(world, n1);
    await app.online('bob', 'bob-web', n1);
    const sent = await say(app, 'alice', 'bob', 'oops');

    expect(await codeOf(app.user('bob', MessageRpc.Recall, { convId: C2C, seq: sent.seq }))).toBe(
      20001,
    );
    await app.user('alice', MessageRpc.Recall, { convId: C2C, seq: sent.seq });

    await waitFor(
      () => itemsOf(r1.values, app.sdkAppId).find((i) => i.cmd === 'msg.recalled') ?? null,
    );
    expect(itemsOf(r1.values, app.sdkAppId).find((i) => i.cmd === 'msg.recalled')?.data).toEqual({
      convId: C2C,
      seq: sent.seq,
    });
    const pulled = await app.user('bob', MessageRpc.Pull, { convId: C2C, fromSeq: 1 });
    expect(pulled.messages[0]).toMatchObject({ seq: sent.seq, isRecalled: true, body: [] });
    r1.stop();
  });

  it('refuses a user’s recall after two minutes (20016, 10031) but not the App admin’s', async () => {
    const app = await world.newApp(['alice', 'bob']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'Public', { alice: {}, bob: {} });
    const old = now() - 180;
    const c2c = await app.admin(MessageRpc.SendC2c, {
      from: 'alice',
      to: 'bob',
      random: rnd(),
      body: text('x'),
      msgTime: old,
    });
    const grp = await app.admin(MessageRpc.SendGroup, {
      from: 'alice',
      groupId: 'g',
      random: rnd(),
      body: text('y'),
      msgTime: old,
    });

    expect(await codeOf(app.user('alice', MessageRpc.Recall, { convId: C2C, seq: c2c.seq }))).toBe(
      20016,
    );
    expect(
      await codeOf(app.user('alice', MessageRpc.Recall, { convId: grp.convId, seq: grp.seq })),
    ).toBe(10031);
    await app.admin(MessageRpc.Recall, { convId: C2C, seq: c2c.seq });
    expect(await codeOf(app.user('alice', MessageRpc.Recall, { convId: C2C, seq: 99 }))).toBe(
      20001,
    );
  });

  it('lets group owners recall members’ messages, members not others’', async () => {
    const app = await world.newApp(['boss', 'ann', 'ben']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'Public', {
      boss: { role: 'Owner' },
      ann: {},
      ben: {},
    });
    const sent = await app.user('ann', MessageRpc.SendGroup, {
      groupId: 'g',
      random: rnd(),
      body: text('x'),
    });

    expect(
      await codeOf(app.user('ben', MessageRpc.Recall, { convId: sent.convId, seq: sent.seq })),
    ).toBe(10007);
    await app.user('boss', MessageRpc.Recall, { convId: sent.convId, seq: sent.seq });
    expect(
      await codeOf(app.user('boss', MessageRpc.Recall, { convId: sent.convId, seq: 42 })),
    ).toBe(10030);
  });

  it('edits the sender’s own message and pushes it as msg.modified', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const n1 = node('n1');
    const r1 = await recordNode(world, n1);
    await app.online('bob', 'bob-web', n1);
    const sent = await say(app, 'alice', 'bob', 'typo');

    expect(
      await codeOf(
        app.user('bob', MessageRpc.Edit, { convId: C2C, seq: sent.seq, body: text('no') }),
      ),
    ).toBe(90009);
    await app.user('alice', MessageRpc.Edit, { convId: C2C, seq: sent.seq, body: text('fixed') });

    await waitFor(
      () => itemsOf(r1.values, app.sdkAppId).find((i) => i.cmd === 'msg.modified') ?? null,
    );
    const edited = itemsOf(r1.values, app.sdkAppId).find((i) => i.cmd === 'msg.modified')!
      .data as ChatMessage;
    expect(edited).toMatchObject({
      seq: sent.seq,
      body: text('fixed'),
      editedAt: expect.any(Number),
    });
    r1.stop();
  });
});

describe('deleting a conversation', () => {
  it('takes it off the list (other devices told), keeps its messages, and a new message brings it back', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const n1 = node('n1');
    const r1 = await recordNode(world, n1);
    await app.online('bob', 'bob-web', n1);
    await app.online('bob', 'bob-phone', n1);
    await say(app, 'alice', 'bob', 'one');

    await app.user('bob', MessageRpc.DeleteConversation, { convId: C2C }, 'bob-web');
    expect((await conversationsOf(app, 'bob')).get(C2C)).toMatchObject({ isDeleted: true });
    await waitFor(
      () => itemsOf(r1.values, app.sdkAppId).find((i) => i.cmd === 'conv.deleted') ?? null,
    );
    expect(itemsOf(r1.values, app.sdkAppId).find((i) => i.cmd === 'conv.deleted')).toMatchObject({
      userId: 'bob',
      exceptConnId: 'bob-web',
      data: { convId: C2C },
    });
    expect(
      (await app.user('bob', MessageRpc.Pull, { convId: C2C, fromSeq: 1 })).messages,
    ).toHaveLength(1);

    await say(app, 'alice', 'bob', 'two');
    expect((await conversationsOf(app, 'bob')).get(C2C)?.isDeleted).toBeUndefined();
    r1.stop();
  });
});

describe('history', () => {
  it('pages back through history and forward from any seq', async () => {
    const app = await world.newApp(['alice', 'bob']);
    for (let i = 1; i <= 25; i++)
      await say(app, i % 2 ? 'alice' : 'bob', i % 2 ? 'bob' : 'alice', `m${i}`);

    const pages: number[][] = [];
    let fromSeq = 1000;
    for (let round = 0; round < 5; round++) {
      const page = await app.user('bob', MessageRpc.Pull, {
        convId: C2C,
        fromSeq,
        limit: 10,
        order: 'desc',
      });
      pages.push(page.messages.map((m) => m.seq));
      fromSeq = page.nextSeq;
      if (page.isComplete) break;
    }
    expect(pages).toEqual([
      [25, 24, 23, 22, 21, 20, 19, 18, 17, 16],
      [15, 14, 13, 12, 11, 10, 9, 8, 7, 6],
      [5, 4, 3, 2, 1],
    ]);
    const forward = await app.user('alice', MessageRpc.Pull, {
      convId: C2C,
      fromSeq: 20,
      limit: 3,
    });
    expect(forward).toMatchObject({ nextSeq: 23, isComplete: false });
    expect(forward.messages.map((m) => m.seq)).toEqual([20, 21, 22]);
  });

  it('refuses strangers a conversation (20001 C2C, 10007 group)', async () => {
    const app = await world.newApp(['alice', 'bob', 'eve']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'Public', { alice: {} });
    await say(app, 'alice', 'bob', 'secret');

    expect(await codeOf(app.user('eve', MessageRpc.Pull, { convId: C2C, fromSeq: 1 }))).toBe(20001);
    expect(
      await codeOf(
        app.user('eve', MessageRpc.Pull, { convId: ConversationIds.group('g'), fromSeq: 1 }),
      ),
    ).toBe(10007);
    expect(await codeOf(app.user('eve', MessageRpc.Pull, { convId: 'nonsense', fromSeq: 1 }))).toBe(
      20001,
    );
  });

  it('shows a Public group member only what came after it joined (T16), a ChatRoom member everything', async () => {
    const app = await world.newApp(['old', 'new']);
    world.fakes.addGroup(app.sdkAppId, 'pub', 'Public', { old: {}, new: { joinTime: now() + 1 } });
    world.fakes.addGroup(app.sdkAppId, 'chat', 'ChatRoom', {
      old: {},
      new: { joinTime: now() + 1 },
    });
    for (const groupId of ['pub', 'chat'])
      await app.admin(MessageRpc.SendGroup, {
        from: 'old',
        groupId,
        random: rnd(),
        body: text('before'),
        msgTime: now() - 5,
      });

    const pub = await app.user('new', MessageRpc.Pull, {
      convId: ConversationIds.group('pub'),
      fromSeq: 1,
    });
    const chat = await app.user('new', MessageRpc.Pull, {
      convId: ConversationIds.group('chat'),
      fromSeq: 1,
    });
    expect(pub.messages).toHaveLength(0);
    expect(pub.nextSeq).toBe(2);
    expect(chat.messages.map((m) => m.body)).toEqual([text('before')]);
  });

  it('applies the app’s roaming window (7 days by default, per app)', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const days = (n: number) => now() - n * 86400;
    for (const [age, words] of [
      [10, 'ten days'],
      [3, 'three days'],
      [0, 'today'],
    ] as const)
      await app.admin(MessageRpc.SendC2c, {
        from: 'alice',
        to: 'bob',
        random: rnd(),
        body: text(words),
        msgTime: days(age),
      });

    const bodies = async () =>
      (await app.user('bob', MessageRpc.Pull, { convId: C2C, fromSeq: 1 })).messages.map(
        (m) => m.body[0].MsgContent.Text,
      );
    expect(await bodies()).toEqual(['three days', 'today']);
    await app.updateSettings({ message: { roamingDays: 2 } });
    await waitFor(async () => ((await bodies()).length === 1 ? true : null), { timeoutMs: 5000 });
    await app.updateSettings({ message: { roamingDays: 30 } });
    await waitFor(async () => ((await bodies()).length === 3 ? true : null), { timeoutMs: 5000 });
  });
});

describe('send rules', () => {
  it('refuses a user in the receiver’s blacklist (20007) but not the App admin (docs/rest-api.md §4.1)', async () => {
    const app = await world.newApp(['alice', 'bob']);
    world.fakes.blacklist.add(`${app.sdkAppId}|bob|alice`);

    expect(await codeOf(say(app, 'alice', 'bob', 'let me in'))).toBe(20007);
    await app.admin(MessageRpc.SendC2c, {
      from: 'alice',
      to: 'bob',
      random: rnd(),
      body: text('ok'),
    });
    await say(app, 'bob', 'alice', 'bob may write');
  });

  it('applies the app’s friendship rule (20009, 20010, 20011)', async () => {
    const app = await world.newApp(['alice', 'bob'], { message: { c2cFriendCheck: 'both' } });
    expect(await codeOf(say(app, 'alice', 'bob', 'x'))).toBe(20009);
    world.fakes.friends.add(`${app.sdkAppId}|alice|bob`);
    world.fakes.friends.add(`${app.sdkAppId}|bob|alice`);
    // The relation service's facts drop what the message service cached.
    for (const [userId, friend] of [
      ['alice', 'bob'],
      ['bob', 'alice'],
    ])
      await world.bus.publish(RelationEvt.FriendsAdded, {
        sdkAppId: app.sdkAppId,
        userId,
        friendIds: [friend],
        via: 'import',
      });
    await waitFor(async () => {
      try {
        return await say(app, 'alice', 'bob', 'friends now');
      } catch {
        return null;
      }
    });

    const oneWay = await world.newApp(['alice', 'bob'], {
      message: { c2cFriendCheck: 'receiver-has-sender' },
    });
    world.fakes.friends.add(`${oneWay.sdkAppId}|alice|bob`);
    expect(await codeOf(say(oneWay, 'alice', 'bob', 'x'))).toBe(20010);
    const other = await world.newApp(['alice', 'bob'], {
      message: { c2cFriendCheck: 'sender-has-receiver' },
    });
    expect(await codeOf(say(other, 'alice', 'bob', 'x'))).toBe(20011);
  });

  it('keeps a C2C message from a receiver whose MsgSettings bit 0 is set (AMB-24), admin messages still reach it', async () => {
    const app = await world.newApp(['alice', 'bob']);
    world.fakes.msgSettings.set(`${app.sdkAppId}|bob`, 1);

    const reply = await say(app, 'alice', 'bob', 'ignored');
    await app.admin(MessageRpc.SendC2c, {
      from: 'alice',
      to: 'bob',
      random: rnd(),
      body: text('notice'),
    });

    expect(reply.seq).toBe(1);
    const bobSees = await app.user('bob', MessageRpc.Pull, { convId: C2C, fromSeq: 1 });
    expect(bobSees.messages.map((m) => m.body)).toEqual([text('notice')]);
    const aliceSees = await app.user('alice', MessageRpc.Pull, { convId: C2C, fromSeq: 1 });
    expect(aliceSees.messages).toHaveLength(2);
  });

  it('refuses (80001) or masks sensitive words per app', async () => {
    const app = await world.newApp(['alice', 'bob']);
    await app.admin(MessageRpc.AddDirtyWords, { words: ['Darn'] });
    expect(await codeOf(say(app, 'alice', 'bob', 'oh DARN it'))).toBe(80001);
    await say(app, 'alice', 'bob', 'a custom darn is fine', {
      body: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'darn' } }],
    });

    await app.updateSettings({ message: { sensitiveWordAction: 'mask' } });
    await waitFor(
      async () => {
        try {
          return await say(app, 'alice', 'bob', 'oh darn it');
        } catch {
          return null;
        }
      },
      { timeoutMs: 5000 },
    );
    const last = await app.user('bob', MessageRpc.Pull, {
      convId: C2C,
      fromSeq: 1000,
      order: 'desc',
      limit: 1,
    });
    expect(last.messages[0].body).toEqual(text('oh **** it'));
  });

  it('checks element layouts (90010 / 10004) and the 12 KB limit (93000 / 80002)', async () => {
    const app = await world.newApp(['alice', 'bob']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'Public', { alice: {} });
    const bad: MsgElement[] = [{ MsgType: 'TIMLocationElem', MsgContent: { Latitude: 'north' } }];
    const big = text('x'.repeat(12 * 1024));
    const group = (body: MsgElement[]) =>
      app.user('alice', MessageRpc.SendGroup, { groupId: 'g', random: rnd(), body });

    expect(
      await codeOf(app.user('alice', MessageRpc.SendC2c, { to: 'bob', random: rnd(), body: bad })),
    ).toBe(90010);
    expect(await codeOf(group(bad))).toBe(10004);
    expect(
      await codeOf(app.user('alice', MessageRpc.SendC2c, { to: 'bob', random: rnd(), body: big })),
    ).toBe(93000);
    expect(await codeOf(group(big))).toBe(80002);
    expect(await codeOf(say(app, 'alice', 'nobody', 'x'))).toBe(90012);
  });

  it('refuses group senders as the group service says (10007 not a member, 10017 muted, 10010 no group)', async () => {
    const app = await world.newApp(['alice', 'bob', 'carol']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'Public', {
      alice: { muteUntil: now() + 600 },
      bob: {},
    });
    const send = (userId: string, groupId = 'g') =>
      app.user(userId, MessageRpc.SendGroup, { groupId, random: rnd(), body: text('x') });

    expect(await codeOf(send('alice'))).toBe(10017);
    expect(await codeOf(send('carol'))).toBe(10007);
    expect(await codeOf(send('bob', 'nope'))).toBe(10010);
    await send('bob');
  });

  it('lets only the owner activate a Private group, then tells the group service', async () => {
    const app = await world.newApp(['owner', 'ann']);
    const group = world.fakes.addGroup(
      app.sdkAppId,
      'p',
      'Private',
      { owner: { role: 'Owner' }, ann: {} },
      {
        ownerId: 'owner',
        isActive: false,
      },
    );
    const send = (userId: string) =>
      app.user(userId, MessageRpc.SendGroup, { groupId: 'p', random: rnd(), body: text('x') });

    expect(await codeOf(send('ann'))).toBe(10007);
    await send('owner');
    expect(group.isActive).toBe(true);
    await send('ann');
    await waitFor(() => (group.nextMsgSeq === 3 ? true : null), { timeoutMs: 5000 });
  });
});

describe('tenant isolation', () => {
  it('keeps the same user and group IDs of two apps apart', async () => {
    const a = await world.newApp(['alice', 'bob']);
    const b = await world.newApp(['alice', 'bob']);
    world.fakes.addGroup(a.sdkAppId, 'g', 'Public', { alice: {}, bob: {} });
    world.fakes.addGroup(b.sdkAppId, 'g', 'Public', { alice: {}, bob: {} });
    await say(a, 'alice', 'bob', 'app a');
    await a.user('alice', MessageRpc.SendGroup, {
      groupId: 'g',
      random: rnd(),
      body: text('group a'),
    });

    expect(await conversationsOf(b, 'bob')).toEqual(new Map());
    expect((await b.user('bob', MessageRpc.Pull, { convId: C2C, fromSeq: 1 })).messages).toEqual(
      [],
    );
    expect(
      (await b.user('bob', MessageRpc.Pull, { convId: ConversationIds.group('g'), fromSeq: 1 }))
        .messages,
    ).toEqual([]);
    const first = await say(b, 'alice', 'bob', 'app b');
    expect(first.seq).toBe(1);
    expect(
      (await a.user('bob', MessageRpc.Pull, { convId: C2C, fromSeq: 1 })).messages.map(
        (m) => m.body,
      ),
    ).toEqual([text('app a')]);
  });
});
