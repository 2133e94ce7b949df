import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';

import { AccountEvt, AccountKickedEvent, AccountsDeletedEvent, EventStreams } from '@im/contracts';
import { createTempDir, ServerHandle, startNatsServer, waitFor } from '@im/testing';

import { createLogger } from '../src/logging/logger';
import { DurableEventConsumer, redeliveryDelayMs } from '../src/nats/event-consumer';
import { NatsBus } from '../src/nats/nats-bus';

const logger = createLogger('consumer-test', 'consumer-test', 'silent');

/** Its own nats-server: the stream over account.evt.> would clash with other files' streams. */
describe(DurableEventConsumer.name, () => {
  let dir: string;
  let nats: ServerHandle;
  let bus: NatsBus;
  const consumers: DurableEventConsumer<never>[] = [];

  const newBus = async () => {
    const b = new NatsBus({
      servers: [nats.url],
      name: 'consumer-test',
      requestTimeoutMs: 2000,
      logger,
    });
    await b.connect();
    return b;
  };

  beforeAll(async () => {
    dir = await createTempDir();
    nats = await startNatsServer({ dataDir: dir, persistent: false });
    bus = await newBus();
  });

  afterAll(async () => {
    for (const c of consumers) await c.stop();
    await bus?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('attaches once the owner creates its stream, and then gets what was published', async () => {
    const seen: string[] = [];
    const consumer = await bus.consume({
      stream: EventStreams.account.name,
      durable: 'test-late',
      subjects: [AccountEvt.Kicked],
      handler: (_subject, event) => Promise.resolve(void seen.push(event.userId)),
    });
    consumers.push(consumer as never);

    await bus.ensureStream(EventStreams.account);
    await bus.publish(AccountEvt.Kicked, { sdkAppId: 9, userId: 'early', revokedBefore: 9 });

    await waitFor(() => seen.length === 1, { timeoutMs: 8000 });
    expect(seen).toEqual(['early']);
  });

  it('delivers the facts it asked for, once, with the publisher request id', async () => {
    const seen: { subject: string; event: AccountKickedEvent | AccountsDeletedEvent }[] = [];
    const consumer = await bus.consume({
      stream: EventStreams.account.name,
      durable: 'test-kicked-and-deleted',
      subjects: [AccountEvt.Kicked, AccountEvt.Deleted],
      // The stream also holds the first test's event; this test looks at app 1 only.
      handler: (subject, event) => {
        if (event.sdkAppId === 1) seen.push({ subject, event });
        return Promise.resolve();
      },
    });
    consumers.push(consumer as never);

    const kicked = await bus.publish(AccountEvt.Kicked, {
      sdkAppId: 1,
      userId: 'a',
      revokedBefore: 1,
    });
    await bus.publish(AccountEvt.AppChanged, { sdkAppId: 1, changes: ['name'] });
    const deleted = await bus.publish(AccountEvt.Deleted, { sdkAppId: 1, userIds: ['b'] });

    await waitFor(() => seen.length === 2);
    expect(seen.map((s) => [s.subject, s.event.eventId])).toEqual([
      [AccountEvt.Kicked, kicked.eventId],
      [AccountEvt.Deleted, deleted.eventId],
    ]);
    expect(seen[0].event.requestId).toBe(kicked.requestId);
  });

  it('delivers a failed event again until the handler succeeds', async () => {
    let attempts = 0;
    const consumer = await bus.consume({
      stream: EventStreams.account.name,
      durable: 'test-retry',
      subjects: [AccountEvt.Kicked],
      handler: () => {
        attempts++;
        return attempts < 2 ? Promise.reject(new Error('not yet')) : Promise.resolve();
      },
    });
    consumers.push(consumer as never);

    await bus.publish(AccountEvt.Kicked, { sdkAppId: 2, userId: 'c', revokedBefore: 2 });

    // The stream already holds two kicked events from the tests above (deliver policy: all).
    await waitFor(() => attempts >= 4, { timeoutMs: 10_000 });
    expect(attempts).toBeGreaterThanOrEqual(4);
  });

  it('refuses an invalid event without failing, and goes on with the valid ones', async () => {
    const seen: string[][] = [];
    let calls = 0;
    const consumer = await bus.consume({
      stream: EventStreams.account.name,
      durable: 'test-invalid',
      subjects: [AccountEvt.Deleted],
      handler: (_subject, event) => {
        calls++;
        if (event.sdkAppId === 3) seen.push(event.userIds);
        return Promise.resolve();
      },
    });
    consumers.push(consumer as never);

    const invalid = { eventId: randomUUID(), sdkAppId: 3, occurredAt: new Date().toISOString() };
    await bus.publishEvent(AccountEvt.Deleted, { ...invalid, userIds: 'not-a-list' } as never, {
      requestId: 'r-invalid',
    });
    await bus.publish(AccountEvt.Deleted, { sdkAppId: 3, userIds: ['valid'] });

    await waitFor(() => seen.length === 1, { timeoutMs: 8000 });
    expect(seen).toEqual([['valid']]);
    // Terminated, not redelivered: the stream's other deleted event and the valid one only.
    const jsm = await bus.connection.jetstreamManager();
    await waitFor(async () => {
      const info = await jsm.consumers.info(EventStreams.account.name, 'test-invalid');
      return info.num_pending + info.num_ack_pending === 0;
    });
    expect(calls).toBe(2);
  });

  it('stores an event published without waiting for the acknowledgement', async () => {
    const seen: string[] = [];
    const consumer = await bus.consume({
      stream: EventStreams.account.name,
      durable: 'test-unacked',
      subjects: [AccountEvt.Deleted],
      handler: (_subject, event) => {
        if (event.sdkAppId === 4) seen.push(event.eventId);
        return Promise.resolve();
      },
    });
    consumers.push(consumer as never);

    const event = bus.publishUnacked(AccountEvt.Deleted, { sdkAppId: 4, userIds: ['d'] });

    await waitFor(() => seen.length === 1, { timeoutMs: 8000 });
    expect(seen).toEqual([event?.eventId]);
  });

  it('waits longer after each failure, up to a minute', () => {
    expect([1, 2, 3, 7, 20].map(redeliveryDelayMs)).toEqual([1000, 2000, 4000, 60000, 60000]);
  });
});
