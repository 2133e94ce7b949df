import { AccountEvt, NoSpeaking } from '@im/contracts';
import type { NatsBus, PlatformLogger } from '@im/platform';

import { NoSpeakingClient } from './no-speaking.client';

/** A bus that answers get-no-speaking from a table, counts the asks and lets the test speak events. */
function fakeBus(table: Map<string, { c2c: number; group: number }>) {
  const handlers = new Map<string, (e: unknown) => void>();
  const asked: string[][] = [];
  let gate: Promise<void> = Promise.resolve();
  const bus = {
    asService: () => ({}),
    subscribe: (subject: string, handler: (e: unknown) => void) => {
      handlers.set(subject, handler);
      return { unsubscribe: () => undefined };
    },
    request: async (_subject: string, req: { userIds: string[] }) => {
      asked.push(req.userIds);
      const snapshot = new Map(table);
      await gate;
      return {
        items: req.userIds.map((userId) => {
          const t = snapshot.get(userId);
          return {
            userId,
            exists: !!t,
            c2cMuteUntil: t?.c2c ?? NoSpeaking.foreverUntil,
            groupMuteUntil: t?.group ?? NoSpeaking.foreverUntil,
          };
        }),
      };
    },
  };
  return {
    bus: bus as unknown as NatsBus,
    asked,
    hold: () => {
      let open!: () => void;
      gate = new Promise((r) => (open = r));
      return () => open();
    },
    speak: (subject: string, event: unknown) => handlers.get(subject)?.(event),
  };
}

const logger = { warn: () => undefined } as unknown as PlatformLogger;

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 0,
    (err: { code: number }) => err.code,
  );

describe('NoSpeakingClient', () => {
  const now = 1_000;

  it('refuses C2C with 20012 and group with 10017 while muted, asking once per sender', async () => {
    const fake = fakeBus(new Map([['alice', { c2c: now + 60, group: 0 }]]));
    const client = new NoSpeakingClient(fake.bus, logger);
    client.onApplicationBootstrap();
    expect(await codeOf(client.assertMaySend(1, 'alice', 'C2C', now))).toBe(20012);
    expect(await codeOf(client.assertMaySend(1, 'alice', 'GROUP', now))).toBe(0);
    expect(await codeOf(client.assertMaySend(1, 'alice', 'C2C', now + 60))).toBe(0);
    expect(fake.asked).toEqual([['alice']]);
  });

  it('does not mute an account the account service does not know (an admin identifier)', async () => {
    const fake = fakeBus(new Map());
    const client = new NoSpeakingClient(fake.bus, logger);
    expect(await codeOf(client.assertMaySend(1, 'administrator', 'C2C', now))).toBe(0);
    expect(await codeOf(client.assertMaySend(1, 'administrator', 'GROUP', now))).toBe(0);
  });

  it('takes a change from the event at once, and a lookup that overlapped it is not kept', async () => {
    const table = new Map([['bob', { c2c: 0, group: 0 }]]);
    const fake = fakeBus(table);
    const client = new NoSpeakingClient(fake.bus, logger);
    client.onApplicationBootstrap();
    const release = fake.hold();
    const pending = codeOf(client.assertMaySend(1, 'bob', 'GROUP', now));
    await new Promise((r) => setImmediate(r));
    // The mute lands while the lookup (which read "not muted") is on its way.
    table.set('bob', { c2c: 0, group: NoSpeaking.foreverUntil });
    fake.speak(AccountEvt.NoSpeakingChanged, {
      sdkAppId: 1,
      userId: 'bob',
      c2cMuteUntil: 0,
      groupMuteUntil: NoSpeaking.foreverUntil,
    });
    release();
    expect(await pending).toBe(0);
    expect(await codeOf(client.assertMaySend(1, 'bob', 'GROUP', now))).toBe(10017);
    // Another app's bob is somebody else.
    expect(await codeOf(client.assertMaySend(2, 'bob', 'GROUP', now))).toBe(10017);
    expect(fake.asked).toEqual([['bob'], ['bob']]);
  });

  it('lets senders through for a moment when the account service does not answer', async () => {
    const fake = fakeBus(new Map([['dave', { c2c: NoSpeaking.foreverUntil, group: 0 }]]));
    const failing = {
      ...(fake.bus as unknown as Record<string, unknown>),
      request: () => Promise.reject(new Error('no responders')),
    } as unknown as NatsBus;
    const client = new NoSpeakingClient(failing, logger);
    expect(await codeOf(client.assertMaySend(1, 'dave', 'C2C', now))).toBe(0);
  });

  it('forgets a deleted account', async () => {
    const table = new Map([['carol', { c2c: NoSpeaking.foreverUntil, group: 0 }]]);
    const fake = fakeBus(table);
    const client = new NoSpeakingClient(fake.bus, logger);
    client.onApplicationBootstrap();
    expect(await codeOf(client.assertMaySend(1, 'carol', 'C2C', now))).toBe(20012);
    table.set('carol', { c2c: 0, group: 0 });
    fake.speak(AccountEvt.Deleted, { sdkAppId: 1, userIds: ['carol'] });
    expect(await codeOf(client.assertMaySend(1, 'carol', 'C2C', now))).toBe(0);
  });
});
