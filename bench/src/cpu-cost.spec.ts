import { cpuCost } from './cpu-cost';
import type { ProcessUsage, UsageWindow } from './probes';

const proc = (name: string, kind: ProcessUsage['kind'], cpuSeconds: number): ProcessUsage => ({
  name,
  kind,
  cpuSeconds,
  cpuPercent: cpuSeconds * 10,
  rssMiB: 100,
});

const usage = (processes: ProcessUsage[]): UsageWindow => ({
  seconds: 10,
  machineCpuPercent: 50,
  benchCpuPercent: 100,
  otherCpuPercent: 0,
  processes,
});

describe('cpuCost', () => {
  it('divides each process CPU by the messages handled and sums the platform', () => {
    const cost = cpuCost(
      usage([
        proc('message', 'service', 0.9),
        proc('api-gateway', 'service', 0.3),
        proc('postgres', 'server', 0.6),
        proc('nats-server', 'server', 0.15),
      ]),
      1000,
      'sends acked',
    );

    expect(cost.rows.find((r) => r.row === 'message')).toMatchObject({
      cpuSeconds: 0.9,
      usPerMessage: 900,
    });
    expect(cost.rows.find((r) => r.row === 'api-gateway')?.usPerMessage).toBe(300);
    expect(cost.rows.find((r) => r.row === 'postgres')?.usPerMessage).toBe(600);
    expect(cost.totalUsPerMessage).toBe(1950);
    expect(cost).toMatchObject({ messages: 1000, counted: 'sends acked', seconds: 10 });
  });

  it('sums the gateway instances into one row and keeps the load generators apart', () => {
    const cost = cpuCost(
      usage([
        proc('conn-gateway', 'service', 0.2),
        proc('conn-gateway-2', 'service', 0.1),
        proc('load-1', 'load', 1),
        proc('load-2', 'load', 0.5),
        proc('message', 'service', 0.1),
      ]),
      500,
      'sends acked',
    );

    expect(cost.rows.find((r) => r.row === 'conn-gateway')).toEqual({
      row: 'conn-gateway',
      processes: ['conn-gateway', 'conn-gateway-2'],
      cpuSeconds: 0.3,
      usPerMessage: 600,
    });
    expect(cost.load).toEqual({
      row: 'load generators',
      processes: ['load-1', 'load-2'],
      cpuSeconds: 1.5,
      usPerMessage: 3000,
    });
    expect(cost.totalUsPerMessage).toBe(800);
  });

  it('leaves baselines out, puts unnamed services under "other services" and lists every row', () => {
    const cost = cpuCost(
      usage([
        proc('nats-echo', 'baseline', 5),
        proc('relation', 'service', 0.05),
        proc('media', 'service', 0.05),
      ]),
      100,
      'sends acked',
    );

    expect(cost.rows.map((r) => r.row)).toEqual([
      'api-gateway',
      'conn-gateway',
      'message',
      'push',
      'callback-dispatcher',
      'profile',
      'account',
      'group',
      'other services',
      'postgres',
      'nats-server',
      'redis-server',
    ]);
    expect(cost.rows.find((r) => r.row === 'other services')).toMatchObject({
      processes: ['media', 'relation'],
      usPerMessage: 1000,
    });
    expect(cost.totalUsPerMessage).toBe(1000);
  });

  it('subtracts each row its idle rate over the window for the cost above idle (at least 0)', () => {
    const idle: UsageWindow = {
      ...usage([
        proc('message', 'service', 0.02),
        proc('conn-gateway', 'service', 0.01),
        proc('conn-gateway-2', 'service', 0.01),
        proc('postgres', 'server', 0.5),
        proc('load-1', 'load', 0.002),
      ]),
      seconds: 2,
    };
    const cost = cpuCost(
      usage([
        proc('message', 'service', 0.9),
        proc('conn-gateway', 'service', 0.2),
        proc('conn-gateway-2', 'service', 0.2),
        proc('postgres', 'server', 0.6),
        proc('load-1', 'load', 0.51),
      ]),
      1000,
      'sends acked',
      idle,
    );

    // window 10 s: message idles at 0.01 s/s → 0.1 s of its 0.9 s is idle
    expect(cost.rows.find((r) => r.row === 'message')?.usAboveIdle).toBe(800);
    expect(cost.rows.find((r) => r.row === 'conn-gateway')?.usAboveIdle).toBe(300);
    // postgres idled at 0.25 s/s: 2.5 s over 10 s, more than it used → 0, not negative
    expect(cost.rows.find((r) => r.row === 'postgres')?.usAboveIdle).toBe(0);
    expect(cost.rows.find((r) => r.row === 'push')?.usAboveIdle).toBe(0);
    expect(cost.load.usAboveIdle).toBe(500);
    expect(cost).toMatchObject({ totalUsPerMessage: 1900, totalUsAboveIdle: 1100, idleSeconds: 2 });
  });

  it('reports 0 µs (not infinity) when no message was handled', () => {
    const cost = cpuCost(usage([proc('message', 'service', 1)]), 0, 'sends acked');

    expect(cost.totalUsPerMessage).toBe(0);
    expect(cost.rows.find((r) => r.row === 'message')).toMatchObject({
      cpuSeconds: 1,
      usPerMessage: 0,
    });
  });
});
