import { randomUUID } from 'node:crypto';

import type { CallbacksTalliedEvent } from '@im/contracts';
import { createLogger } from '@im/platform';
import type { NatsBus } from '@im/platform';

import type { CallbackTuning } from './callback-dispatcher.config';
import { CallbackTallyTask } from './callback-tally.task';

/** The two bus calls the task makes; `failures` publishes fail before one succeeds. */
class FakeBus {
  readonly stored: CallbacksTalliedEvent[] = [];
  failures = 0;

  buildEvent(_subject: string, fact: Omit<CallbacksTalliedEvent, 'eventId'>) {
    return {
      event: { ...fact, eventId: randomUUID(), occurredAt: '', requestId: '' },
      context: {},
    };
  }

  publishEvent(_subject: string, event: CallbacksTalliedEvent): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      return Promise.reject(new Error('no JetStream'));
    }
    this.stored.push(event);
    return Promise.resolve();
  }
}

describe(CallbackTallyTask.name, () => {
  const logger = createLogger('test', 'test', 'silent');
  const tuning = { tallyIntervalMs: 60_000 } as CallbackTuning;
  const now = new Date('2026-12-07T10:00:00Z');

  function make() {
    const bus = new FakeBus();
    return { bus, sut: new CallbackTallyTask(bus as unknown as NatsBus, tuning, logger) };
  }

  it('publishes per app the requests sent and those the backend answered, then starts over', async () => {
    const { bus, sut } = make();
    sut.note(1, { kind: 'response', status: 200, body: '{}' }, now);
    sut.note(1, { kind: 'response', status: 500, body: '' }, now);
    sut.note(1, { kind: 'timeout' }, now);
    sut.note(2, { kind: 'error', error: 'ECONNREFUSED' }, now);

    expect(await sut.flush()).toBe(0);
    expect(
      bus.stored.map(({ sdkAppId, day, sent, answered }) => ({ sdkAppId, day, sent, answered })),
    ).toEqual([
      { sdkAppId: 1, day: '20261207', sent: 3, answered: 2 },
      { sdkAppId: 2, day: '20261207', sent: 1, answered: 0 },
    ]);
    expect(await sut.flush()).toBe(0);
    expect(bus.stored).toHaveLength(2);
  });

  it('tries an event that could not be stored again with the same eventId', async () => {
    const { bus, sut } = make();
    bus.failures = 1;
    sut.note(1, { kind: 'response', status: 200, body: '' }, now);

    expect(await sut.flush()).toBe(1);
    sut.note(1, { kind: 'response', status: 200, body: '' }, now);
    expect(await sut.flush()).toBe(0);

    expect(bus.stored.map((e) => e.sent)).toEqual([1, 1]);
    expect(new Set(bus.stored.map((e) => e.eventId)).size).toBe(2);
  });
});
