import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';

import { PlatformMetrics } from '@im/platform';

/** Callback metrics, on the service's /metrics. Labels carry commands and outcomes, never apps. */
@Injectable()
export class CallbackMetrics {
  /** Before-callbacks by outcome: disabled, allow, reject, rewrite, discard, fail-open-<reason>. */
  readonly before: Counter<'command' | 'outcome'>;
  /** After-callbacks by outcome: queued, delivered, retry, dead-lettered, dropped, replayed. */
  readonly after: Counter<'command' | 'outcome'>;
  /** Duration of HTTP requests to app backends. */
  readonly httpSeconds: Histogram<'kind'>;

  constructor(metrics: PlatformMetrics) {
    const registers = [metrics.registry];
    this.before = new Counter({
      name: 'im_callback_before_total',
      help: 'Before-callbacks, per command and outcome',
      labelNames: ['command', 'outcome'] as const,
      registers,
    });
    this.after = new Counter({
      name: 'im_callback_after_total',
      help: 'After-callbacks, per command and outcome',
      labelNames: ['command', 'outcome'] as const,
      registers,
    });
    this.httpSeconds = new Histogram({
      name: 'im_callback_http_seconds',
      help: 'Duration of callback HTTP requests to app backends',
      labelNames: ['kind'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers,
    });
  }
}
