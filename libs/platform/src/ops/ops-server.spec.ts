import { createLogger } from '../logging/logger';
import { OpsServer } from './ops-server';
import { PlatformMetrics } from './platform-metrics';

describe('OpsServer readiness', () => {
  let ops: OpsServer;
  let url: string;

  beforeEach(async () => {
    ops = new OpsServer(
      'ops-test',
      new PlatformMetrics('ops-test'),
      createLogger('ops-test', 'ops-test', 'silent'),
    );
    ops.addCheck({ name: 'nats', check: () => Promise.resolve() });
    url = `http://127.0.0.1:${await ops.listen(0, '127.0.0.1')}`;
  });

  afterEach(() => ops.close());

  it('answers 503 while a hold is on (the service does not serve yet), 200 once released', async () => {
    ops.holdReadiness('nats subscriptions');

    const held = await fetch(`${url}/ready`);
    expect(held.status).toBe(503);
    expect(await held.json()).toMatchObject({
      checks: { nats: { ok: true }, serving: { ok: false, error: 'waiting: nats subscriptions' } },
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);

    ops.releaseReadiness('nats subscriptions');
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  });
});
