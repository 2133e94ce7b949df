import { errorKind, loadCurveMet, loadCurveStep, loadCurveTable } from './load-curve';
import type { LoadCurveStep } from './load-curve';
import type { SendReply } from './protocol';

const reply = (extra: Partial<SendReply>): SendReply => ({
  sent: 0,
  acked: 0,
  failed: 0,
  startedAt: 1000,
  endedAt: 3000,
  ackLatencies: [],
  lastAckAt: 0,
  errorCodes: {},
  busyLatencies: [],
  ...extra,
});

describe('errorKind', () => {
  it('tells refused busy (60018) from timeouts (SDK -1, gateway 60008) and other errors', () => {
    expect(errorKind(60018)).toBe('busy');
    expect(errorKind('60018')).toBe('busy');
    expect(errorKind('-1')).toBe('timeout');
    expect(errorKind(60008)).toBe('timeout');
    expect(errorKind('-2')).toBe('other');
    expect(errorKind('20003')).toBe('other');
    expect(errorKind('?')).toBe('other');
  });
});

describe('loadCurveStep', () => {
  it('sums both load generators: offered and answered rates, busy share, errors apart', () => {
    const step = loadCurveStep({
      share: 1.5,
      targetPerSec: 150,
      windowMs: 2000,
      sends: [
        reply({
          sent: 150,
          acked: 100,
          failed: 50,
          ackLatencies: Array.from({ length: 100 }, (_, i) => i + 1),
          lastAckAt: 5000,
          errorCodes: { '60018': 40, '-1': 5, '60008': 2, '-2': 3 },
          busyLatencies: [2, 3, 4],
        }),
        reply({
          sent: 150,
          acked: 150,
          startedAt: 1200,
          ackLatencies: Array.from({ length: 150 }, () => 10),
          lastAckAt: 2500,
        }),
      ],
      receiveLatencies: [5, 6, 7, 800],
      platformUsPerMessage: 420,
      platformUsAboveIdle: 300,
    });

    expect(step).toEqual({
      share: 1.5,
      targetPerSec: 150,
      offeredPerSec: 150, // 300 sent in a 2 s window
      sent: 300,
      answered: 250,
      answeredPerSec: 62.5, // the last answer came 4 s after the first send
      refusedBusy: 40,
      busyShare: 0.1333,
      timedOut: 7,
      otherErrors: 3,
      errorCodes: { '60018': 40, '-1': 5, '60008': 2, '-2': 3 },
      ackP50Ms: 10,
      ackP99Ms: 98,
      receiveP50Ms: 6,
      receiveP99Ms: 800,
      received: 4,
      busyAnswerP99Ms: 4,
      platformUsPerMessage: 420,
      platformUsAboveIdle: 300,
    });
  });

  it('counts the sends still unanswered at the end as timed out', () => {
    const step = loadCurveStep({
      share: 1.5,
      targetPerSec: 50,
      windowMs: 2000,
      sends: [
        reply({ sent: 100, acked: 80, failed: 5, errorCodes: { '60018': 5 }, lastAckAt: 2000 }),
      ],
      receiveLatencies: [],
    });

    expect(step).toMatchObject({ refusedBusy: 5, timedOut: 15, otherErrors: 0 });
  });

  it('divides the answers by the window when they all came within it', () => {
    const step = loadCurveStep({
      share: 0.25,
      targetPerSec: 50,
      windowMs: 2000,
      sends: [reply({ sent: 100, acked: 100, lastAckAt: 2900, ackLatencies: [1] })],
      receiveLatencies: [],
    });

    expect(step).toMatchObject({ answeredPerSec: 50, busyShare: 0, busyAnswerP99Ms: 0 });
  });
});

const step = (share: number, extra: Partial<LoadCurveStep>): LoadCurveStep =>
  ({
    share,
    answered: 10,
    received: 10,
    ackP99Ms: 100,
    receiveP99Ms: 100,
    refusedBusy: 0,
    busyShare: 0,
    ...extra,
  }) as LoadCurveStep;

describe('loadCurveMet', () => {
  it('judges the highest offered step: both p99 of answered sends under 1 s', () => {
    const low = step(0.25, { ackP99Ms: 5000 });

    expect(loadCurveMet([low, step(1.5, {})])).toBe(true);
    expect(loadCurveMet([low, step(1.5, { receiveP99Ms: 1200 })])).toBe(false);
    expect(loadCurveMet([step(1.5, { ackP99Ms: 1001 }), low])).toBe(false);
  });

  it('is not met when nothing was answered at overload, and undefined without steps', () => {
    expect(loadCurveMet([step(1.5, { answered: 0, received: 0, ackP99Ms: 0 })])).toBe(false);
    expect(loadCurveMet([])).toBeUndefined();
  });
});

describe('loadCurveTable', () => {
  it('has a row per step with the busy share in %', () => {
    const table = loadCurveTable([
      step(1.5, { refusedBusy: 40, busyShare: 0.1333, busyAnswerP99Ms: 4 }),
    ]);

    expect(table.head).toHaveLength(14);
    expect(table.rows[0][0]).toBe('150 %');
    expect(table.rows[0][4]).toBe('40 (13.3 %)');
    expect(table.rows[0][11]).toBe(4);
    expect(table.rows[0]).toHaveLength(14);
  });
});
