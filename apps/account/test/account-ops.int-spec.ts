/**
 * The ops endpoints of the account service (`/health`, `/ready`, `/metrics`), and readiness
 * following its PostgreSQL going down and coming back.
 *
 * Isolation. This file stops PostgreSQL, so it has servers of its own (startLocalServers in a
 * temp dir), none shared with other files: stopping the shared PostgreSQL would break them,
 * and on the shared NATS this instance would join queue group `account` and answer other
 * files' requests with its database (failing them while its PostgreSQL is down). `persistent`
 * keeps the PostgreSQL data across the restart on the same port and data dir.
 */
import { rm } from 'node:fs/promises';

import { headers as natsHeaders } from 'nats';

import { AccountRpc, ErrorCode, TransportHeaders } from '@im/contracts';
import type { NatsBus } from '@im/platform';
import { startLocalServers, startPostgresServer, waitFor } from '@im/testing';
import type { LocalServers, ServerHandle } from '@im/testing';

import { as, connectTestBus, createApp, makeTempDir, startAccountService } from './account.harness';
import type { StartedAccountService } from './account.harness';

interface ReadyBody {
  status: string;
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string }>;
}

let tmp: string;
let servers: LocalServers;
/** The PostgreSQL currently running (replaced when the test restarts it). */
let postgres: ServerHandle;
let service: StartedAccountService;
let bus: NatsBus;

beforeAll(async () => {
  tmp = await makeTempDir('im-account-ops-');
  servers = await startLocalServers({ baseDir: tmp, persistent: true });
  postgres = servers.postgres;
  service = await startAccountService({
    natsUrl: servers.nats.url,
    redisUrl: servers.redis.url,
    // A database the service creates and migrates itself on start.
    databaseUrl: postgres.url.replace(/\/postgres$/, '/im_account_ops_test'),
  });
  bus = await connectTestBus(servers.nats.url);
});

afterAll(async () => {
  await bus?.close();
  await service?.app.close();
  await Promise.all([servers?.nats.stop(), servers?.redis.stop(), postgres?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${service.opsPort}${path}`);
  return { status: res.status, text: await res.text() };
}

async function ready(): Promise<{ status: number; body: ReadyBody }> {
  const { status, text } = await get('/ready');
  return { status, body: JSON.parse(text) as ReadyBody };
}

describe('account ops endpoints', () => {
  it('answers /health with 200', async () => {
    const { status, text } = await get('/health');

    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ status: 'ok', service: 'account' });
  });

  it('answers /ready with 200 when nats, postgres and redis answer', async () => {
    const { status, body } = await ready();

    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ready',
      ready: true,
      checks: { nats: { ok: true }, postgres: { ok: true }, redis: { ok: true } },
    });
  });

  it('counts the handled requests per account subject and outcome in /metrics', async () => {
    const app = await createApp(bus);
    await bus.request(AccountRpc.Import, { userId: 'alice' }, as(app.sdkAppId));
    await expect(
      bus.request(AccountRpc.Kick, { userId: 'alice' }, as(app.sdkAppId, 'user', 'alice')),
    ).rejects.toMatchObject({ code: ErrorCode.AccountAdminRequired });

    const { status, text } = await get('/metrics');

    expect(status).toBe(200);
    const handled = text.split('\n').filter((l) => l.startsWith('im_rpc_handled_total{'));
    const line = (subject: string, outcome: string) =>
      handled.find((l) => l.includes(`subject="${subject}"`) && l.includes(`outcome="${outcome}"`));
    const counted = / [1-9]\d*$/;
    expect(line(AccountRpc.CreateApp, 'ok')).toMatch(counted);
    expect(line(AccountRpc.Import, 'ok')).toMatch(counted);
    expect(line(AccountRpc.Kick, 'forbidden')).toMatch(counted);
  });

  it('drops unprocessed a request whose deadline passed before it was handled, and counts it', async () => {
    const app = await createApp(bus);
    const nc = bus.connection;
    const packet = (userId: string) =>
      new TextEncoder().encode(
        JSON.stringify({ pattern: AccountRpc.Import, data: { userId }, id: userId }),
      );
    const headersWith = (deadline: number) => {
      const h = natsHeaders();
      h.set(TransportHeaders.SdkAppId, String(app.sdkAppId));
      h.set(TransportHeaders.CallerRole, 'admin');
      h.set(TransportHeaders.CallerId, 'administrator');
      h.set(TransportHeaders.Deadline, String(deadline));
      return h;
    };

    // The requester gave up a second ago: nothing is done, no answer comes.
    await expect(
      nc.request(AccountRpc.Import, packet('late'), {
        timeout: 1500,
        headers: headersWith(Date.now() - 1000),
      }),
    ).rejects.toThrow();
    // Still waited for: handled as usual.
    const answered = await nc.request(AccountRpc.Import, packet('in-time'), {
      timeout: 5000,
      headers: headersWith(Date.now() + 5000),
    });
    expect(answered.data.length).toBeGreaterThan(0);

    const check = await bus.request(
      AccountRpc.Check,
      { userIds: ['late', 'in-time'] },
      as(app.sdkAppId),
    );
    expect(check.results.map((r) => [r.userId, r.isImported])).toEqual([
      ['late', false],
      ['in-time', true],
    ]);
    const { text } = await get('/metrics');
    expect(
      text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('im_rpc_handled_total{') &&
            l.includes(`subject="${AccountRpc.Import}"`) &&
            l.includes('outcome="expired"'),
        ),
    ).toMatch(/ [1-9]\d*$/);
  });

  it('is not ready (503, postgres failing) while its PostgreSQL is down and ready once it is back', async () => {
    const app = await createApp(bus);
    await bus.request(AccountRpc.Import, { userId: 'kept' }, as(app.sdkAppId));

    await postgres.stop();

    const down = await waitFor(
      async () => {
        const r = await ready();
        return r.status === 503 && r;
      },
      { timeoutMs: 10_000, message: '/ready to answer 503' },
    );
    expect(down.body).toMatchObject({
      status: 'not_ready',
      ready: false,
      checks: { postgres: { ok: false }, nats: { ok: true }, redis: { ok: true } },
    });

    postgres = await startPostgresServer({
      dataDir: servers.postgres.dataDir,
      port: servers.postgres.port,
      persistent: true,
      password: servers.credentials.postgres.superuser, // the cluster keeps its password
    });

    const up = await waitFor(
      async () => {
        const r = await ready();
        return r.status === 200 && r;
      },
      { timeoutMs: 10_000, message: '/ready to answer 200 again' },
    );
    expect(up.body.checks.postgres).toMatchObject({ ok: true });
    // Serving again, with the data from before the restart.
    const check = await bus.request(AccountRpc.Check, { userIds: ['kept'] }, as(app.sdkAppId));
    expect(check.results[0].isImported).toBe(true);
  });
});
