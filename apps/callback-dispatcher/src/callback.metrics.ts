import { Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';

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
    this.before = metrics.counter(
      'im_callback_before_total',
      'Before-callbacks, per command and outcome',
      ['command', 'outcome'],
    );
    this.after = metrics.counter(
      'im_callback_after_total',
      'After-callbacks, per command and outcome',
      ['command', 'outcome'],
    );
    this.httpSeconds = metrics.histogram(
      'im_callback_http_seconds',
      'Duration of callback HTTP requests to app backends',
      ['kind'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    );
  }
}
