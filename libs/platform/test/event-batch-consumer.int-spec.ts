import { rmSync } from 'node:fs';

import { AccountEvt, EventStreams } from '@im/contracts';
import { createTempDir, ServerHandle, startNatsServer, waitFor } from '@im/testing';

import { createLogger } from '../src/logging/logger';
import { DurableBatchConsumer } from '../src/nats/event-batch-consumer';
import { NatsBus } from '../src/nats/nats-bus';

const logger = createLogger('batch-consumer-test', 'batch-consumer-test', 'silent');

/** Its own nats-server: the stream over account.evt.> would clash with other files' streams. */
describe(DurableBatchConsumer.name, () => {
  let dir: string;
  let nats: ServerHandle;
  let bus: NatsBus;
  const consumers: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    dir = await createTempDir();
    nats = await startNatsServer({ dataDir: dir, persistent: false });
    bus = new NatsBus({ servers: [nats.url], name: 'batch-test', requestTimeoutMs: 2000, logger });
    await bus.connect();
    await bus.ensureStream(EventStreams.account);
  });

  afterAll(async () => {
    for (const c of consumers) await c.stop();
    await bus?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const kick = (sdkAppId: number, userId: string) =>
    bus.publish(AccountEvt.Kicked, { sdkAppId, userId, revokedBefore: 1 });

  it('hands over what piled up as batches no larger than asked, every event once', async () => {
    for (let i = 0; i < 25; i++) await kick(1, `u${i}`);
    const batches: string[][] = [];

    consumers.push(
      await bus.consumeBatches({
        stream: EventStreams.account.name,
        durable: 'test-batches',
        subjects: [AccountEvt.Kicked],
        batchSize: 10,
        handleBatch: (events) => {
          batches.push(events.filter((e) => e.event.sdkAppId === 1).map((e) => e.event.userId));
          return Promise.resolve();
        },
      }),
    );

    await waitFor(() => batches.flat().length === 25, { timeoutMs: 8000 });
    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => `u${i}`));
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(10);
    expect(batches.some((b) => b.length > 1)).toBe(true);
  });

  it('handles the events of a failing batch one at a time, so only the failing one waits', async () => {
    for (const userId of ['ok1', 'poison', 'ok2']) await kick(2, userId);
    const handled: string[] = [];
    let poisonTries = 0;

    consumers.push(
      await bus.consumeBatches({
        stream: EventStreams.account.name,
        durable: 'test-isolation',
        subjects: [AccountEvt.Kicked],
        maxDeliver: 2,
        handleBatch: (events) => {
          const mine = events.filter((e) => e.event.sdkAppId === 2);
          if (mine.some((e) => e.event.userId === 'poison')) {
            poisonTries++;
            return Promise.reject(new Error('cannot count this one'));
          }
          handled.push(...mine.map((e) => e.event.userId));
          return Promise.resolve();
        },
      }),
    );

    await waitFor(() => handled.length === 2, { timeoutMs: 8000 });
    expect(handled.sort()).toEqual(['ok1', 'ok2']);
    // Tried in its batch, then alone, then alone again on its second and last delivery.
    await waitFor(() => poisonTries === 3, { timeoutMs: 8000 });
  });
});
