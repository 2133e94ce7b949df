import { ConversationIds } from '@im/contracts';
import type { AppReply, ChatMessage, MsgElement } from '@im/contracts';
import type { OutgoingMessage } from '@im/sdk';
import { waitFor } from '@im/testing';

import { Device, MessagingFixture } from './messaging.fixture';

const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Sends `count` messages from `device` to `to`, `window` at a time; resolves with them all. */
async function sendMany(
  device: Device,
  to: string,
  count: number,
  window: number,
  onSent?: (sent: number) => void,
): Promise<OutgoingMessage[]> {
  const results: OutgoingMessage[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = ++next;
      results.push(await device.chat.sendC2C(to, text(`m${i}`)));
      onSent?.(results.length);
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  return results;
}

/** A conversation's whole history as one user sees it, paging back from the newest. */
async function history(device: Device, convId: string): Promise<ChatMessage[]> {
  const all: ChatMessage[] = [];
  let page = await device.chat.getHistory(convId, { fromSeq: 2 ** 31 - 1, limit: 100 });
  all.push(...page.messages);
  while (!page.isComplete && page.nextSeq >= 1) {
    page = await device.chat.getHistory(convId, { fromSeq: page.nextSeq, limit: 100 });
    all.push(...page.messages);
  }
  return all.sort((a, b) => a.seq - b.seq);
}

/**
 * No loss, no duplicates under faults: a gateway process killed and restarted in the middle of
 * 5,000 messages, and Redis (sequence counters, dedupe keys, presence) restarted empty in the
 * middle of a stream.
 */
describe('messaging under faults', () => {
  let fixture: MessagingFixture;
  let app: AppReply;

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 2 });
    app = await fixture.createApp();
  }, 120_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  it('delivers 5,000 messages exactly once and in order while the receiver’s gateway is killed and restarted', async () => {
    const [first, second] = fixture.wsUrls;
    const alice = await fixture.device(app, 'k-alice', { urls: [first] });
    const bob = await fixture.device(app, 'k-bob', { urls: [second, first] });
    const convId = ConversationIds.c2c('k-alice', 'k-bob');
    const disconnects: number[] = [];
    bob.client.on('disconnected', (code) => disconnects.push(code));

    const sending = sendMany(alice, 'k-bob', 5000, 16);
    await waitFor(() => bob.received.length >= 1000, { timeoutMs: 60_000 });
    await fixture.killGateway('conn-gateway-2');
    await fixture.restart('conn-gateway-2');
    const sent = await sending;

    // bounded generously: next to the fault suite in `npm test`, bob's catch-up (up to 4,000
    // messages synced after the reconnect) has taken longer than a minute
    await waitFor(() => bob.received.length >= 5000, { timeoutMs: 150_000 }).catch((err: Error) => {
      throw new Error(
        `${err.message}; bob received ${bob.received.length} of 5000, disconnect codes ${JSON.stringify(disconnects)}`,
      );
    });
    expect(disconnects).toHaveLength(1);
    expect(sent.map((m) => m.seq).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(range(1, 5000));
    expect(bob.seqs(convId)).toEqual(range(1, 5000));
    expect(new Set(bob.received.map((m) => m.random)).size).toBe(5000);
  }, 330_000);

  it('never reuses a seq when Redis restarts empty in the middle of a stream', async () => {
    const carol = await fixture.device(app, 'r-carol', { sendRetries: 30 });
    const dave = await fixture.device(app, 'r-dave', { urls: [...fixture.wsUrls].reverse() });
    const convId = ConversationIds.c2c('r-carol', 'r-dave');

    let restarted: Promise<void> | undefined;
    const sent = await sendMany(carol, 'r-dave', 1000, 4, (count) => {
      if (count === 300) restarted = fixture.restartRedis();
    });
    await restarted;
    await dave.chat.refresh();

    // Every message got its own seq, and the store agrees with every acknowledgement.
    const seqs = sent.map((m) => m.seq ?? 0);
    expect(new Set(seqs).size).toBe(1000);
    const stored = await history(carol, convId);
    expect(stored).toHaveLength(1000);
    expect(new Set(stored.map((m) => m.seq)).size).toBe(1000);
    const seqOf = new Map(stored.map((m) => [m.random, m.seq]));
    for (const m of sent) expect(seqOf.get(m.random)).toBe(m.seq);
    // The receiver got each once, in seq order.
    await waitFor(() => dave.received.length >= 1000, { timeoutMs: 60_000 });
    expect(dave.received).toHaveLength(1000);
    expect(dave.seqs(convId)).toEqual(stored.map((m) => m.seq));
  }, 240_000);
});
