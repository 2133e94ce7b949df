import type { ScenarioResult } from './report';
import { BenchContext, c2cScenarios } from './scenarios';

type Partial = Omit<ScenarioResult, 'id' | 'title' | 'target' | 'seconds'>;

/**
 * `--cluster`: C2C throughput (the c2c-throughput scenario) on the cluster topology with both
 * message-service processes, then again after `message-2` was stopped (SIGTERM: it drains), so
 * the report shows 1 and 2 instances side by side in one run on one machine, both after a
 * warm-up round. On 2 cores the
 * second instance cannot add CPU the first lacked; what it must show is that two instances
 * sharing the queue group and the seq counters add no errors.
 */
export async function clusterC2c(ctx: BenchContext): Promise<Partial> {
  // A first round warms every process's caches (accounts, profiles, bans of the 2,000 users,
  // each cached per process): measured cold, the 2-instance round paid it alone and looked
  // slower than the 1-instance round after it.
  ctx.log('cluster: warm-up round (not measured)');
  await c2cScenarios(ctx, { throughput: true, latency: false });
  await ctx.recycleWorkers();
  ctx.log('cluster: C2C throughput with 2 message-service instances');
  const two = (await c2cScenarios(ctx, { throughput: true, latency: false })).throughput;
  if (!two?.figure) throw new Error('no C2C throughput with 2 message instances');
  await ctx.recycleWorkers();
  const second = ctx.platform.services.get('message-2');
  if (!second) throw new Error('the cluster has no message-2 process');
  await second.stop();
  ctx.log('cluster: C2C throughput with 1 message-service instance (message-2 stopped)');
  const one = (await c2cScenarios(ctx, { throughput: true, latency: false })).throughput;
  if (!one?.figure) throw new Error('no C2C throughput with 1 message instance');
  const errors = (r: Partial) => Number(r.details['send failures'] ?? 0);
  const row = (instances: number, r: Partial) => [
    instances,
    Math.round(r.figure!.value),
    r.details['messages acked'] ?? '—',
    errors(r),
    r.details['send→ack p50 ms'] ?? '—',
    r.details['send→ack p99 ms'] ?? '—',
    r.bottleneck,
  ];
  return {
    figure: { ...two.figure, label: 'persisted msgs/s SDK→SDK, 2 message instances' },
    baseline: { ...one.figure, label: '1 message instance (same run)' },
    ratio: two.figure.value / one.figure.value,
    ratioNote: '2 instances ÷ 1 (on 2 cores ~1: the CPU is shared; errors must stay 0)',
    met: errors(two) === 0 && errors(one) === 0,
    bottleneck: two.bottleneck,
    details: {
      'send failures, 2 instances': errors(two),
      'send failures, 1 instance': errors(one),
      'messages acked, 2 instances': two.details['messages acked'] ?? '—',
      'messages acked, 1 instance': one.details['messages acked'] ?? '—',
    },
    table: {
      head: [
        'message instances',
        'msg/s',
        'acked',
        'send failures',
        'ack p50 ms',
        'ack p99 ms',
        'bottleneck',
      ],
      rows: [row(2, two), row(1, one)],
    },
    cpuCost: two.cpuCost,
    usage: two.usage,
    baselineUsage: one.usage,
  };
}
