/**
 * The presence cache of delivery (DeliveryService) with a long lifetime, as in production under
 * load: a user looked up while offline is cached as having no session, and a login heard on
 * `conn.evt.session-opened` drops that entry, so what comes next reaches the new session at once
 * (found by the REST e2e: a notification sent right after a login reached nobody).
 */
import { randomUUID } from 'node:crypto';

import { ConnEvt, ConversationIds, MessageRpc } from '@im/contracts';
import type { ChatMessage } from '@im/contracts';
import { waitFor } from '@im/testing';

import { itemsOf, MessageWorld, recordNode, rnd, text } from './message.harness';

jest.setTimeout(60_000);

let world: MessageWorld;

beforeAll(async () => {
  world = await MessageWorld.start({ tuning: { presenceCacheMs: 600_000 } });
});

afterAll(async () => {
  await world?.stop();
});

describe('presence cache', () => {
  it('forgets a user’s cached sessions when a gateway says it logged in', async () => {
    const app = await world.newApp(['alice', 'bob']);
    const nodeId = `n-${randomUUID().slice(0, 8)}`;
    const recorder = await recordNode(world, nodeId);
    const send = (words: string) =>
      app.user('alice', MessageRpc.SendC2c, { to: 'bob', random: rnd(), body: text(words) });

    await send('while offline'); // bob has no session: cached as such
    await app.online('bob', 'bob-web', nodeId);
    await send('cached'); // the cache still says offline: not delivered
    world.bus.publishUnacked(ConnEvt.SessionOpened, {
      sdkAppId: app.sdkAppId,
      userId: 'bob',
      platform: 'Web',
      connId: 'bob-web',
      nodeId,
      kickedPlatforms: [],
    });
    await world.bus.connection.flush();
    // The event and the next request travel separately: send until one arrives.
    await waitFor(
      async () => {
        await send('after login');
        return itemsOf(recorder.values, app.sdkAppId).length > 0;
      },
      { timeoutMs: 5000, message: 'a delivery to the new session' },
    );

    // Deliveries leave in order: had the cached send been delivered, it would come first.
    const delivered = itemsOf(recorder.values, app.sdkAppId);
    expect(delivered[0]).toMatchObject({ userId: 'bob', cmd: 'msg' });
    expect((delivered[0].data as ChatMessage).convId).toBe(ConversationIds.c2c('alice', 'bob'));
    expect((delivered[0].data as ChatMessage).body).toEqual(text('after login'));
    recorder.stop();
  });
});
