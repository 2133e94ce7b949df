/**
 * Delivery of after-callbacks on real servers (docs/requirements.md AMB-47): at least once from the
 * durable queue with bounded exponential retries, through a backend outage and a dispatcher
 * restart; dedupable by X-IM-Event-Id; dead letters after the last attempt, listed, replayed
 * and discarded by the operator; apps that do not wait for each other; kept-alive connections.
 */
import { randomUUID } from 'node:crypto';

import {
  CallbackDispatcherEvt,
  CallbackDispatcherRpc,
  ErrorCode,
  RelationEvt,
  RemoteError,
} from '@im/contracts';
import type { CallbackDeadLetteredEvent } from '@im/contracts';
import { waitFor } from '@im/testing';

import { asOperator, CallbackWorld } from './callback.harness';
import { CallbackReceiver, OK_ANSWER } from './callback-receiver';
import type { ReceivedCallback } from './callback-receiver';

const TUNING = {
  retryBaseMs: 100,
  retryMaxMs: 400,
  maxAttempts: 10,
  appConcurrency: 4,
  sweepIntervalMs: 200,
  // Long enough that a hanging backend is still hanging when the assertions look.
  timeoutMs: 10_000,
};

let world: CallbackWorld;

beforeAll(async () => {
  world = await CallbackWorld.start(TUNING);
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

const COMMAND = 'Sns.CallbackFriendDelete';

async function withReceiver<T>(
  work: (r: CallbackReceiver, sdkAppId: number) => Promise<T>,
): Promise<T> {
  const r = await CallbackReceiver.start();
  try {
    const sdkAppId = await world.newApp({ url: r.url, enabledCommands: [COMMAND] });
    return await work(r, sdkAppId);
  } finally {
    await r.stop();
  }
}

/** Publishes `n` friend deletions of the app; returns their event IDs. */
async function publishMany(
  sdkAppId: number,
  n: number,
  tag = randomUUID().slice(0, 6),
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const event = await world.publish(RelationEvt.FriendsDeleted, {
      sdkAppId,
      userId: `u${i}-${tag}`,
      friendIds: ['x'],
      via: 'delete',
    });
    ids.push(event.eventId);
  }
  return ids;
}

const sourceOf = (cb: ReceivedCallback) => cb.headers['x-im-source-event-id'] as string;
const uniqueSources = (r: CallbackReceiver) => new Set(r.received.map(sourceOf));

describe('after-callback delivery', () => {
  it('a backend down for a while (and a dispatcher restart) still gets every callback, dedupable by X-IM-Event-Id', async () => {
    await withReceiver(async (r, sdkAppId) => {
      await r.down();
      const events = await publishMany(sdkAppId, 12);
      // Every callback was tried and failed at least twice while the backend was down ...
      await waitFor(
        async () => {
          const rows = await world.queued(sdkAppId);
          return rows.length === events.length && rows.every((row) => row.attempts >= 2);
        },
        { timeoutMs: 10_000, message: 'every callback retried' },
      );
      // ... the dispatcher restarts meanwhile (the queue is in its database) ...
      await world.restartDispatcher();
      // ... and the backend comes back, answering the first delivery of each callback with a
      // 500 after it processed it, as a backend that crashed before answering would.
      const firstSeen = new Set<string>();
      r.respond = (cb) => {
        if (firstSeen.has(cb.eventId!)) return { body: OK_ANSWER };
        firstSeen.add(cb.eventId!);
        return { status: 500, body: 'oops' };
      };
      await r.up();

      await waitFor(
        () =>
          uniqueSources(r).size === events.length &&
          world.queued(sdkAppId).then((q) => q.length === 0),
        {
          timeoutMs: 15_000,
          message: 'every callback delivered',
        },
      );
      expect([...uniqueSources(r)].sort()).toEqual([...events].sort());
      // Some came more than once (at least once); deduplicating by X-IM-Event-Id leaves
      // exactly one per callback, and repeats are identical.
      expect(r.received.length).toBeGreaterThan(events.length);
      const byId = new Map<string, ReceivedCallback[]>();
      for (const cb of r.received) byId.set(cb.eventId!, [...(byId.get(cb.eventId!) ?? []), cb]);
      expect(byId.size).toBe(events.length);
      for (const copies of byId.values()) {
        expect(new Set(copies.map((c) => c.rawBody)).size).toBe(1);
        expect(new Set(copies.map(sourceOf)).size).toBe(1);
        expect(copies.map((c) => Number(c.headers['x-im-attempt']))).toEqual(
          [...copies.map((c) => Number(c.headers['x-im-attempt']))].sort((a, b) => a - b),
        );
      }
    });
  });

  it('gives a callback up after the bounded retries; the operator lists, replays and discards it', async () => {
    await withReceiver(async (r, sdkAppId) => {
      const deadLettered: CallbackDeadLetteredEvent[] = [];
      const sub = world.bus.subscribe(CallbackDispatcherEvt.DeadLettered, (e) => {
        if (e.sdkAppId === sdkAppId) deadLettered.push(e);
      });
      r.respond = () => ({ status: 500, body: 'down for maintenance' });
      const events = await publishMany(sdkAppId, 2);

      const listed = await waitFor(
        async () => {
          const page = await world.bus.request(
            CallbackDispatcherRpc.ListDeadLetters,
            { sdkAppId },
            asOperator,
          );
          return page.total === 2 ? page : null;
        },
        { timeoutMs: 15_000, message: 'two dead letters' },
      );

      // Exactly maxAttempts deliveries each, then nothing more.
      expect(r.received).toHaveLength(2 * TUNING.maxAttempts);
      expect(await world.queued(sdkAppId)).toEqual([]);
      expect(listed.items.map((d) => d.sourceEventId).sort()).toEqual([...events].sort());
      const [first, second] = listed.items;
      expect(first).toMatchObject({
        sdkAppId,
        command: COMMAND,
        attempts: TUNING.maxAttempts,
        lastError: 'HTTP 500',
        body: { CallbackCommand: COMMAND, PairList: [expect.any(Object)] },
      });
      expect(r.received.filter((cb) => cb.eventId === first.callbackId)).toHaveLength(
        TUNING.maxAttempts,
      );
      // Published by the outbox right after each commit.
      await waitFor(() => deadLettered.length === 2, { message: 'dead-lettered events' });
      sub.unsubscribe();
      expect(deadLettered.map((e) => e.deadLetterId).sort()).toEqual(
        listed.items.map((d) => d.id).sort(),
      );

      // Only the operator may see or touch them.
      const refused = await world.bus
        .request(
          CallbackDispatcherRpc.ListDeadLetters,
          { sdkAppId },
          { context: { sdkAppId, role: 'admin', callerId: 'administrator' } },
        )
        .catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(RemoteError);
      expect((refused as RemoteError).code).toBe(ErrorCode.AppAdminRequired);

      // Replayed after the backend is fixed: delivered again under the same X-IM-Event-Id.
      r.respond = () => ({ body: OK_ANSWER });
      const before = r.received.length;
      await expect(
        world.bus.request(
          CallbackDispatcherRpc.ReplayDeadLetters,
          { sdkAppId, ids: [first.id] },
          asOperator,
        ),
      ).resolves.toEqual({ count: 1 });
      const replayed = await waitFor(
        () => r.received.slice(before).find((cb) => cb.eventId === first.callbackId) ?? null,
        {
          message: 'the replayed callback',
        },
      );
      expect(replayed.headers['x-im-attempt']).toBe('1');
      expect(replayed.body).toEqual(first.body);
      await waitFor(() => world.queued(sdkAppId).then((q) => q.length === 0));

      const rest = await world.bus.request(
        CallbackDispatcherRpc.ListDeadLetters,
        { sdkAppId },
        asOperator,
      );
      expect(rest.items.map((d) => d.id)).toEqual([second.id]);
      await expect(
        world.bus.request(CallbackDispatcherRpc.DiscardDeadLetters, { sdkAppId }, asOperator),
      ).resolves.toEqual({ count: 1 });
      await expect(
        world.bus.request(CallbackDispatcherRpc.ListDeadLetters, { sdkAppId }, asOperator),
      ).resolves.toEqual({ items: [], total: 0 });
      expect(r.received.filter((cb) => cb.eventId === second.callbackId)).toHaveLength(
        TUNING.maxAttempts,
      );
    });
  });

  it('pages dead letters and replays all of an app’s at once', async () => {
    await withReceiver(async (r, sdkAppId) => {
      r.respond = () => ({ status: 502 });
      const events = await publishMany(sdkAppId, 3);
      await waitFor(
        async () =>
          (await world.bus.request(CallbackDispatcherRpc.ListDeadLetters, { sdkAppId }, asOperator))
            .total === 3,
        { timeoutMs: 15_000 },
      );
      const page1 = await world.bus.request(
        CallbackDispatcherRpc.ListDeadLetters,
        { sdkAppId, limit: 2 },
        asOperator,
      );
      const page2 = await world.bus.request(
        CallbackDispatcherRpc.ListDeadLetters,
        { sdkAppId, limit: 2, afterId: page1.nextAfterId },
        asOperator,
      );
      expect(page1.items).toHaveLength(2);
      expect(page2.items).toHaveLength(1);
      expect(page2.nextAfterId).toBeUndefined();

      r.respond = () => ({ body: OK_ANSWER });
      const before = r.received.length;
      await expect(
        world.bus.request(CallbackDispatcherRpc.ReplayDeadLetters, { sdkAppId }, asOperator),
      ).resolves.toEqual({ count: 3 });
      await waitFor(() => new Set(r.received.slice(before).map(sourceOf)).size === 3);
      expect([...new Set(r.received.slice(before).map(sourceOf))].sort()).toEqual(
        [...events].sort(),
      );
    });
  });

  it('a hanging backend does not delay another app’s callbacks, and gets at most its share', async () => {
    const slow = await CallbackReceiver.start();
    const fast = await CallbackReceiver.start();
    try {
      const slowApp = await world.newApp({ url: slow.url, enabledCommands: [COMMAND] });
      const fastApp = await world.newApp({ url: fast.url, enabledCommands: [COMMAND] });
      slow.respond = () => ({ hang: true });

      const slowEvents = await publishMany(slowApp, TUNING.appConcurrency + 3);
      await waitFor(() => slow.holding === TUNING.appConcurrency, {
        message: 'the slow backend is full',
      });
      const fastEvents = await publishMany(fastApp, 3);
      await waitFor(() => uniqueSources(fast).size === fastEvents.length, {
        message: 'the other app’s callbacks',
      });

      // The slow app still holds its first requests: nothing waited for them.
      expect(slow.holding).toBe(TUNING.appConcurrency);
      expect(slow.received).toHaveLength(TUNING.appConcurrency);

      slow.respond = () => ({ body: OK_ANSWER });
      slow.release();
      await waitFor(() => uniqueSources(slow).size === slowEvents.length, { timeoutMs: 10_000 });
    } finally {
      await slow.stop();
      await fast.stop();
    }
  });

  it('reuses kept-alive connections', async () => {
    await withReceiver(async (r, sdkAppId) => {
      const events = await publishMany(sdkAppId, 30);
      await waitFor(() => uniqueSources(r).size === events.length, { timeoutMs: 10_000 });

      expect(r.received).toHaveLength(events.length);
      expect(r.connections).toBeLessThanOrEqual(TUNING.appConcurrency);
    });
  });
});
