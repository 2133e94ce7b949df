import type { EventEnvelope } from '@im/contracts';

import { isTooOldToReport, queuedDeliveries } from './after-callback.rules';
import type { AfterCallback } from './after-callback.mapper';
import { callbackEventId } from './callback-request.model';

const OCCURRED = '2024-05-01T10:00:00.000Z';
const event: EventEnvelope = {
  eventId: '2f1c1a4e-52c8-4c1f-9c7a-8f1d2a3b4c5d',
  sdkAppId: 1400000001,
  occurredAt: OCCURRED,
  requestId: 'origin',
};
const callback = (command: AfterCallback['command']): AfterCallback => ({
  command,
  body: { CallbackCommand: command } as never,
  platform: 'Web',
  clientIp: '10.0.0.1',
});

describe(isTooOldToReport.name, () => {
  it('reports an event up to the cut-off and drops one older', () => {
    const at = Date.parse(OCCURRED);
    expect(isTooOldToReport(OCCURRED, at + 60_000, 60)).toBe(false);
    expect(isTooOldToReport(OCCURRED, at + 60_001, 60)).toBe(true);
  });
});

describe(queuedDeliveries.name, () => {
  it('queues one row per command with an ID of the event and the command', () => {
    const rows = queuedDeliveries(
      event,
      [callback('C2C.CallbackAfterSendMsg'), callback('State.StateChange')],
      'received',
    );

    expect(rows).toEqual([
      {
        callbackId: callbackEventId(event.eventId, 'C2C.CallbackAfterSendMsg'),
        sourceEventId: event.eventId,
        command: 'C2C.CallbackAfterSendMsg',
        body: JSON.stringify({ CallbackCommand: 'C2C.CallbackAfterSendMsg' }),
        optPlatform: 'Web',
        clientIp: '10.0.0.1',
        requestId: 'origin',
      },
      expect.objectContaining({ command: 'State.StateChange' }),
    ]);
    expect(rows[0].callbackId).not.toBe(rows[1].callbackId);
  });

  it('numbers the repeats of a command so each gets its own ID, the same on redelivery', () => {
    const three = [1, 2, 3].map(() => callback('Group.CallbackAfterNewMemberJoin'));
    const ids = queuedDeliveries(event, three, undefined).map((r) => r.callbackId);

    expect(ids[0]).toBe(callbackEventId(event.eventId, 'Group.CallbackAfterNewMemberJoin'));
    expect(new Set(ids).size).toBe(3);
    expect(queuedDeliveries(event, three, 'again').map((r) => r.callbackId)).toEqual(ids);
  });

  it('falls back to the request it was received under when the event names none', () => {
    const unnamed = { ...event, requestId: undefined } as unknown as EventEnvelope;
    const [row] = queuedDeliveries(unnamed, [callback('State.StateChange')], 'received');
    expect(row.requestId).toBe('received');
    expect(queuedDeliveries(unnamed, [callback('State.StateChange')], undefined)[0].requestId).toBe(
      '',
    );
  });
});
