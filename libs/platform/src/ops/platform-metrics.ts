import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one service process. Each app instance has its own registry, so
 * several services can run in one test process.
 */
export class PlatformMetrics {
  readonly registry = new Registry();

  /** Messages a service handled, per subject and outcome (`ok` or an error category). */
  readonly rpcHandled = new Counter({
    name: 'im_rpc_handled_total',
    help: 'NATS requests and events handled, per subject and outcome',
    labelNames: ['subject', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly rpcHandleSeconds = new Histogram({
    name: 'im_rpc_handle_seconds',
    help: 'Time to handle a NATS request or event, per subject',
    labelNames: ['subject', 'kind'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** Requests this process sent to other services, per subject and outcome. */
  readonly rpcSent = new Counter({
    name: 'im_rpc_requests_total',
    help: 'NATS requests sent, per subject and outcome',
    labelNames: ['subject', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly rpcSentSeconds = new Histogram({
    name: 'im_rpc_request_seconds',
    help: 'Round-trip time of NATS requests sent, per subject',
    labelNames: ['subject'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  /** A counter of this process's registry (a component's own metric). */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** A histogram of this process's registry, in seconds. */
  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** A gauge read when scraped: `read()` gives its value then. */
  gaugeOf(name: string, help: string, read: () => number): Gauge {
    const gauge: Gauge = new Gauge({
      name,
      help,
      registers: [this.registry],
      collect: () => gauge.set(read()),
    });
    return gauge;
  }
}
