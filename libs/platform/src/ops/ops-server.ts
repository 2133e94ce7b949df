import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { PlatformLogger } from '../logging/logger';
import { withTimeout } from '../util/with-timeout';
import type { PlatformMetrics } from './platform-metrics';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string; ms: number }>;
}

/**
 * The ops HTTP server every service runs on its own port: `GET /health` (the process is
 * alive), `GET /ready` (its PostgreSQL, NATS and Redis answer; 503 otherwise), `GET /metrics`
 * (Prometheus text).
 */
export class OpsServer {
  private server?: Server;
  private readonly checks: ReadinessCheck[] = [];
  /**
   * Set once the service serves (its RPC subscriptions, HTTP or WebSocket port are up): the
   * ops port opens while the module starts, before migrations and subscriptions, and a
   * supervisor must not take the process for ready then (`serviceMain` sets it).
   */
  private started = false;

  constructor(
    private readonly service: string,
    private readonly metrics: PlatformMetrics,
    private readonly logger: PlatformLogger,
    private readonly checkTimeoutMs = 2000,
  ) {}

  /** The service has finished starting: `/ready` now reports its dependencies. */
  markStarted(): void {
    this.started = true;
  }

  addCheck(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async listen(port: number, host: string): Promise<number> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.logger.error({ err }, 'ops request failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const actual = (server.address() as AddressInfo).port;
    this.logger.info({ port: actual, host }, 'ops server listening');
    return actual;
  }

  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  async readiness(): Promise<ReadinessReport> {
    type Result = ReadinessReport['checks'][string];
    const results = await Promise.all(
      this.checks.map(async (c): Promise<[string, Result]> => {
        const started = performance.now();
        try {
          await withTimeout(c.check(), this.checkTimeoutMs, c.name);
          return [c.name, { ok: true, ms: Math.round(performance.now() - started) }];
        } catch (err) {
          return [
            c.name,
            {
              ok: false,
              error: (err as Error).message,
              ms: Math.round(performance.now() - started),
            },
          ];
        }
      }),
    );
    if (!this.started) results.push(['started', { ok: false, error: 'starting', ms: 0 }]);
    const checks: ReadinessReport['checks'] = Object.fromEntries(results);
    return { ready: results.every(([, r]) => r.ok), checks };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, { error: 'method not allowed' });
    switch (path) {
      case '/health':
        return send(res, 200, {
          status: 'ok',
          service: this.service,
          uptimeSeconds: Math.round(process.uptime()),
        });
      case '/ready': {
        const report = await this.readiness();
        if (!report.ready) this.logger.warn({ checks: report.checks }, 'not ready');
        return send(res, report.ready ? 200 : 503, {
          status: report.ready ? 'ready' : 'not_ready',
          ...report,
        });
      }
      case '/metrics': {
        const body = await this.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': this.metrics.registry.contentType });
        res.end(body);
        return;
      }
      default:
        return send(res, 404, { error: 'not found' });
    }
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
