import type { RequestContext } from '../logging/request-context';
import type { PlatformLogger } from '../logging/logger';
import type { PlatformMetrics } from '../ops/platform-metrics';

export interface NatsBusOptions {
  servers: string[];
  name: string;
  /** The service's configured name: its caller id when it acts for an app (`asService`). */
  service?: string;
  requestTimeoutMs: number;
  /**
   * Requests this process may have outstanding to one service (the subject's owner, `message`
   * of `message.rpc.send-c2c`); one more is refused at once with the busy error (60018) instead
   * of joining a backlog that would only grow. Unbounded when not set.
   */
  maxPendingPerService?: number;
  logger: PlatformLogger;
  metrics?: PlatformMetrics;
}

export interface RequestOptions {
  timeoutMs?: number;
  /** Overrides of the request context (who asks); defaults to the current one. */
  context?: Partial<RequestContext>;
}

export interface StreamSpec {
  name: string;
  subjects: readonly string[];
  /** Kept this long; default 7 days. */
  maxAgeSeconds?: number;
  replicas?: number;
}
