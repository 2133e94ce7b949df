import { createLogger } from '../logging/logger';
import { OpsServer } from './ops-server';
import type { PlatformMetrics } from './platform-metrics';

describe(OpsServer.name, () => {
  const ops = () =>
    new OpsServer('test', {} as PlatformMetrics, createLogger('test', 'test-1', 'silent'));

  it('is not ready before the service has started, whatever its dependencies say', async () => {
    const server = ops();
    server.addCheck({ name: 'nats', check: () => Promise.resolve() });

    const report = await server.readiness();

    expect(report.ready).toBe(false);
    expect(report.checks).toMatchObject({ nats: { ok: true }, started: { ok: false } });
  });

  it('is ready once started and every dependency answers', async () => {
    const server = ops();
    server.addCheck({ name: 'nats', check: () => Promise.resolve() });
    server.markStarted();

    const report = await server.readiness();

    expect(report).toEqual({ ready: true, checks: { nats: { ok: true, ms: expect.any(Number) } } });
  });

  it('is not ready once started while a dependency fails', async () => {
    const server = ops();
    server.addCheck({ name: 'redis', check: () => Promise.reject(new Error('down')) });
    server.markStarted();

    expect(await server.readiness()).toMatchObject({
      ready: false,
      checks: { redis: { ok: false, error: 'down' } },
    });
  });
});
