/**
 * The console's view of an app's callbacks on real servers: every delivery attempt kept with
 * its status and latency (never the body), swept to the last days and the newest per app; the
 * dead letters listed without their bodies and replayed one by one through the normal
 * delivery path; all of it only for the app's own admin.
 */
import { randomUUID } from 'node:crypto';

import {
  CallbackDispatcherRpc,
  CallbackLimits,
  ErrorCode,
  RelationEvt,
  RemoteError,
} from '@im/contracts';
import { waitFor } from '@im/testing';

import { AfterCallbackDeliverer } from '../src/after-callback-delivery.task';
import { CallbackWorld } from './callback.harness';
import { CallbackReceiver, OK_ANSWER } from './callback-receiver';

const TUNING = { retryBaseMs: 50, retryMaxMs: 100, maxAttempts: 3, sweepIntervalMs: 200 };
const COMMAND = 'Sns.CallbackFriendDelete';

let world: CallbackWorld;
let receiver: CallbackReceiver;

beforeAll(async () => {
  world = await CallbackWorld.start(TUNING);
  receiver = await CallbackReceiver.start();
}, 120_000);

afterAll(async () => {
  await receiver?.stop();
  await world?.stop();
});

const asAdmin = (sdkAppId: number) => ({
  context: { sdkAppId, role: 'admin' as const, callerId: 'administrator' },
});

const deliveries = (sdkAppId: number, page: { offset?: number; limit?: number } = {}) =>
  world.bus.request(CallbackDispatcherRpc.ListAppDeliveries, page, asAdmin(sdkAppId));
const deadLetters = (sdkAppId: number, page: { offset?: number; limit?: number } = {}) =>
  world.bus.request(CallbackDispatcherRpc.ListAppDeadLetters, page, asAdmin(sdkAppId));

async function friendDeleted(sdkAppId: number): Promise<string> {
  const event = await world.publish(RelationEvt.FriendsDeleted, {
    sdkAppId,
    userId: `u-${randomUUID().slice(0, 8)}`,
    friendIds: ['secret-friend'],
    via: 'delete',
  });
  return event.eventId;
}

describe('the delivery log and dead letters of an app', () => {
  it('keeps each attempt with its status and latency, newest first, paged, without the body', async () => {
    const sdkAppId = await world.newApp({ url: receiver.url, enabledCommands: [COMMAND] });
    let calls = 0;
    receiver.respond = () => (++calls === 1 ? { status: 503, body: 'busy' } : { body: OK_ANSWER });
    await friendDeleted(sdkAppId);

    const page = await waitFor(
      async () => {
        const p = await deliveries(sdkAppId);
        return p.total === 2 ? p : null;
      },
      { timeoutMs: 10_000, message: 'two attempts recorded' },
    );
    const [second, first] = page.items;
    expect(first).toMatchObject({
      command: COMMAND,
      attempt: 1,
      outcome: 'failed',
      httpStatus: 503,
      error: 'HTTP 503',
    });
    expect(second).toMatchObject({ command: COMMAND, attempt: 2, outcome: 'delivered' });
    expect(second.httpStatus).toBe(200);
    expect(second.error).toBeUndefined();
    expect(second.callbackId).toBe(first.callbackId);
    expect(first.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(second.at)).toBeGreaterThanOrEqual(Date.parse(first.at));
    // what an operator needs, nothing of the message or the token
    expect(JSON.stringify(page)).not.toContain('secret-friend');
    expect(Object.keys(first).sort()).toEqual(
      [
        'at',
        'attempt',
        'callbackId',
        'command',
        'error',
        'httpStatus',
        'id',
        'latencyMs',
        'outcome',
      ].sort(),
    );
    // paged on the server
    const tail = await deliveries(sdkAppId, { offset: 1, limit: 1 });
    expect(tail).toEqual({ items: [first], total: 2 });
    // another app's admin sees none of it
    const other = await world.newApp();
    await expect(deliveries(other)).resolves.toEqual({ items: [], total: 0 });
  });

  it('lists a dead letter without its body and replays it through the normal delivery', async () => {
    const sdkAppId = await world.newApp({ url: receiver.url, enabledCommands: [COMMAND] });
    receiver.respond = () => ({ status: 500, body: 'down' });
    const sourceEventId = await friendDeleted(sdkAppId);

    const listed = await waitFor(
      async () => {
        const p = await deadLetters(sdkAppId);
        return p.total === 1 ? p : null;
      },
      { timeoutMs: 10_000, message: 'a dead letter' },
    );
    const [dead] = listed.items;
    expect(dead).toMatchObject({
      command: COMMAND,
      attempts: TUNING.maxAttempts,
      lastError: 'HTTP 500',
    });
    expect(Object.keys(dead).sort()).toEqual(
      ['attempts', 'callbackId', 'command', 'deadAt', 'id', 'lastError', 'queuedAt'].sort(),
    );
    expect(JSON.stringify(listed)).not.toContain('secret-friend');
    expect((await deliveries(sdkAppId)).total).toBe(TUNING.maxAttempts);

    // Only the app's own admin may replay it.
    const other = await world.newApp();
    await expect(
      world.bus.request(CallbackDispatcherRpc.ReplayAppDeadLetter, { id: dead.id }, asAdmin(other)),
    ).resolves.toEqual({ replayed: false });
    const byUser = await world.bus
      .request(
        CallbackDispatcherRpc.ReplayAppDeadLetter,
        { id: dead.id },
        { context: { sdkAppId, role: 'user', callerId: 'alice' } },
      )
      .catch((err: unknown) => err);
    expect(byUser).toBeInstanceOf(RemoteError);
    expect((byUser as RemoteError).code).toBe(ErrorCode.AppAdminRequired);

    receiver.respond = () => ({ body: OK_ANSWER });
    const before = receiver.received.length;
    await expect(
      world.bus.request(
        CallbackDispatcherRpc.ReplayAppDeadLetter,
        { id: dead.id },
        asAdmin(sdkAppId),
      ),
    ).resolves.toEqual({ replayed: true });
    const delivered = await waitFor(
      () => receiver.received.slice(before).find((cb) => cb.eventId === dead.callbackId) ?? null,
      { message: 'the replayed callback' },
    );
    expect(delivered.headers['x-im-source-event-id']).toBe(sourceEventId);
    expect(delivered.headers['x-im-attempt']).toBe('1');
    await waitFor(async () => (await deliveries(sdkAppId)).items[0]?.outcome === 'delivered', {
      message: 'the replay recorded as delivered',
    });
    await expect(deadLetters(sdkAppId)).resolves.toEqual({ items: [], total: 0 });
    // gone: a second replay does nothing
    await expect(
      world.bus.request(
        CallbackDispatcherRpc.ReplayAppDeadLetter,
        { id: dead.id },
        asAdmin(sdkAppId),
      ),
    ).resolves.toEqual({ replayed: false });
  });

  it('sweeps attempts older than the kept days and beyond the newest kept per app', async () => {
    const [crowded, old] = [await world.newApp(), await world.newApp()];
    const keep = CallbackLimits.attemptsKeptPerApp;
    const insert = (sdkAppId: number, n: number, ageDays: number) =>
      world.pg.query(
        `INSERT INTO callback_attempts
           (sdk_app_id, callback_id, command, attempt, delivered, http_status, latency_ms, at)
         SELECT $1, gen_random_uuid(), $2, 1, true, 200, 5,
                now() - $3 * interval '1 day' + g * interval '1 millisecond'
           FROM generate_series(1, $4) g`,
        [sdkAppId, COMMAND, ageDays, n],
      );
    await insert(crowded, keep + 25, 0);
    await insert(old, 3, CallbackLimits.attemptsKeptDays + 1);
    await insert(old, 2, 0);
    const newestBefore = (await deliveries(crowded, { limit: 1 })).items[0];

    const deliverer = world.dispatcher.get(AfterCallbackDeliverer);
    await waitFor(async () => (await deliverer.pruneAttempts()) === 0, {
      message: 'nothing more to sweep',
    });

    const crowdedNow = await deliveries(crowded, { limit: 1 });
    expect(crowdedNow.total).toBe(keep);
    expect(crowdedNow.items[0]).toEqual(newestBefore);
    expect((await deliveries(old)).total).toBe(2);
  });
});
