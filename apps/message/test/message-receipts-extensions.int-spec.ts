/**
 * Read receipts and message extensions over NATS against the message service in this process
 * (fakes stand in for the group service): rows kept once, events published, compare-and-set
 * holding under concurrent writers, and one app never reaching another's.
 */
import { ConversationIds, MessageEvt, MessageRpc } from '@im/contracts';
import type { ReceiptsSentEvent } from '@im/contracts';
import { waitFor } from '@im/testing';

import { MessageWorld, rnd, text } from './message.harness';
import type { TestApp } from './message.harness';

jest.setTimeout(90_000);

let world: MessageWorld;
let app: TestApp;
const MEMBERS = Array.from({ length: 10 }, (_, i) => `m${i}`);
const conv = ConversationIds.group('team');

beforeAll(async () => {
  world = await MessageWorld.start();
  app = await world.newApp(['owner', ...MEMBERS]);
  world.fakes.addGroup(
    app.sdkAppId,
    'team',
    'Public',
    Object.fromEntries([['owner', { role: 'Owner' }], ...MEMBERS.map((m) => [m, {}])]),
  );
});

afterAll(async () => {
  await world?.stop();
});

async function sendToTeam(): Promise<number> {
  const sent = await app.user('owner', MessageRpc.SendGroup, {
    groupId: 'team',
    body: text('poll'),
    random: rnd(),
  });
  return sent.seq;
}

describe('read receipts', () => {
  it('keeps a receipt once, publishes message.evt.receipts-sent for new ones only', async () => {
    const seq = await sendToTeam();
    const events = await world.record<ReceiptsSentEvent>(MessageEvt.ReceiptsSent);

    expect(await app.user('m0', MessageRpc.SendReceipts, { convId: conv, seqs: [seq] })).toEqual({
      seqs: [seq],
    });
    await app.user('m0', MessageRpc.SendReceipts, { convId: conv, seqs: [seq] });
    await app.user('m1', MessageRpc.SendReceipts, { convId: conv, seqs: [seq] });

    const { rows } = await world.pg.query<{ user_id: string }>(
      'SELECT user_id FROM message_receipts WHERE sdk_app_id = $1 AND conv_id = $2 AND seq = $3 ORDER BY user_id',
      [app.sdkAppId, conv, seq],
    );
    expect(rows.map((r) => r.user_id)).toEqual(['m0', 'm1']);
    await waitFor(() => events.values.length === 2);
    expect(events.values.map((e) => [e.userId, e.counts])).toEqual([
      ['m0', [{ seq, readNum: 1, unreadNum: 9 }]],
      ['m1', [{ seq, readNum: 2, unreadNum: 8 }]],
    ]);
    events.stop();
  });

  it('never counts one app’s receipts in another app with the same IDs', async () => {
    const seq = await sendToTeam();
    await app.user('m2', MessageRpc.SendReceipts, { convId: conv, seqs: [seq] });
    const other = await world.newApp(['owner', ...MEMBERS]);
    world.fakes.addGroup(other.sdkAppId, 'team', 'Public', {
      owner: { role: 'Owner' },
      m2: {},
    });
    // the other app's group gets a message at the same seq
    let otherSeq = 0;
    while (otherSeq < seq)
      otherSeq = (
        await other.user('owner', MessageRpc.SendGroup, {
          groupId: 'team',
          body: text('x'),
          random: rnd(),
        })
      ).seq;
    expect(otherSeq).toBe(seq);
    expect(
      await other.admin(MessageRpc.GetGroupReceipts, { groupId: 'team', seqs: [seq] }),
    ).toEqual({ receipts: [{ seq, readNum: 0, unreadNum: 1 }] });
    expect(await app.admin(MessageRpc.GetGroupReceipts, { groupId: 'team', seqs: [seq] })).toEqual({
      receipts: [{ seq, readNum: 1, unreadNum: 9 }],
    });
  });
});

describe('message extensions', () => {
  it('lets exactly one of ten concurrent writers of a new key win; the others get 23001 and its value', async () => {
    const seq = await sendToTeam();
    const replies = await Promise.all(
      MEMBERS.map((m) =>
        app.user(m, MessageRpc.SetExtensions, {
          convId: conv,
          seq,
          operation: 'set',
          items: [{ key: 'first', value: m, seq: 0 }],
        }),
      ),
    );
    const winners = replies.filter((r) => r.results[0].code === 0);
    expect(winners).toHaveLength(1);
    const winner = winners[0].results[0].extension;
    expect(winner.seq).toBe(1);
    for (const r of replies.filter((x) => x.results[0].code !== 0))
      expect(r.results[0]).toEqual({ key: 'first', code: 23001, extension: winner });
    expect(await app.user('m0', MessageRpc.GetExtensions, { convId: conv, seq })).toEqual({
      extensions: [winner],
      isComplete: true,
      latestSeq: 1,
      clearSeq: 0,
    });
  });

  it('never shows or changes one app’s extensions from another app with the same IDs', async () => {
    const seq = await sendToTeam();
    await app.admin(MessageRpc.SetExtensions, {
      convId: conv,
      seq,
      operation: 'set',
      items: [{ key: 'k', value: 'a' }],
    });
    const other = await world.newApp(['owner']);
    await expect(
      other.admin(MessageRpc.GetExtensions, { convId: conv, seq }),
    ).rejects.toMatchObject({ code: 10010 });
    await expect(
      other.admin(MessageRpc.SetExtensions, {
        convId: conv,
        seq,
        operation: 'clear',
      }),
    ).rejects.toMatchObject({ code: 10010 });
    expect(await app.admin(MessageRpc.GetExtensions, { convId: conv, seq })).toMatchObject({
      extensions: [{ key: 'k', value: 'a', seq: 1 }],
    });
  });
});
