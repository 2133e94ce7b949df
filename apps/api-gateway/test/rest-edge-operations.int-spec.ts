import { waitFor } from '@im/testing';

import {
  adminQuery,
  codeOf,
  GatewayHarness,
  request,
  startGatewayHarness,
  TestApp,
} from './gateway-harness';

/**
 * What the edge does around the commands: ops endpoints, the per-app rate limit, and the
 * answers when the account service is gone (this last block stops it, so it runs last).
 */
describe('api-gateway operations', () => {
  let h: GatewayHarness;

  beforeAll(async () => {
    h = await startGatewayHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  const check = (t: TestApp) =>
    t.client.call('im_open_login_svc', 'account_check', { CheckItem: [{ UserID: 'x' }] });

  /** The codes of `n` concurrent calls. */
  async function burst(t: TestApp, n: number): Promise<number[]> {
    const envelopes = await Promise.all(Array.from({ length: n }, () => check(t)));
    return envelopes.map(codeOf);
  }

  describe('ops endpoints', () => {
    it('answers /health', async () => {
      const res = await fetch(`${h.opsUrl}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', service: 'api-gateway' });
    });

    it('answers /ready once NATS and Redis answer', async () => {
      const res = await fetch(`${h.opsUrl}/ready`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        ready: true,
        checks: { nats: { ok: true }, redis: { ok: true } },
      });
    });

    it('counts REST calls by service, command and code in /metrics', async () => {
      const t = await h.createApp();
      expect(codeOf(await check(t))).toBe(0);
      expect(codeOf(await t.client.call('openim', 'query_online_status', {}))).toBe(90003);

      const text = await (await fetch(`${h.opsUrl}/metrics`)).text();
      expect(text).toMatch(
        /^im_rest_requests_total\{service="im_open_login_svc",command="account_check",code="0"[^}]*\} \d+$/m,
      );
      expect(text).toMatch(
        /^im_rest_requests_total\{service="openim",command="query_online_status",code="90003"[^}]*\} \d+$/m,
      );
      expect(text).toContain('im_rest_request_seconds_bucket{');
    });
  });

  describe('per-app rate limit', () => {
    it('refuses the calls of an app over its own limit with 60011, and no other app', async () => {
      const [limited, other] = [await h.createApp(), await h.createApp()];
      expect(codeOf(await check(limited))).toBe(0);
      await h.apps.update({ sdkAppId: limited.sdkAppId, settings: { restRateLimitPerSecond: 5 } });

      // The new setting is in force once a burst meets a refusal.
      await waitFor(async () => (await burst(limited, 20)).includes(60011));

      // A burst may straddle two UNIX seconds: at most 5 pass in each.
      const codes = await burst(limited, 20);
      expect(codes.every((c) => c === 0 || c === 60011)).toBe(true);
      expect(codes.filter((c) => c === 0).length).toBeLessThanOrEqual(10);
      expect(codes.filter((c) => c === 60011).length).toBeGreaterThanOrEqual(1);

      expect(await burst(other, 20)).toEqual(Array(20).fill(0));
    });
  });

  describe('when the account service is gone', () => {
    it('answers 70169 for a cached app and 60008 for an app never seen, and stays up', async () => {
      const cached = await h.createApp();
      const neverSeen = await h.createApp();
      expect(codeOf(await check(cached))).toBe(0);

      await h.platform.services.get('account')!.stop();

      /** HTTP status and code of a call by `t`'s admin. */
      const post = async (t: TestApp, command: string, body: unknown) => {
        const answer = await request(h.baseUrl, `/v4/${command}`, {
          query: adminQuery(t.app),
          body: JSON.stringify(body),
        });
        return [answer.status, codeOf(answer.body)];
      };
      const checkItem = { CheckItem: [{ UserID: 'u' }] };
      expect(await post(cached, 'im_open_login_svc/account_check', checkItem)).toEqual([
        200, 70169,
      ]);
      expect(await post(cached, 'im_open_login_svc/account_import', { UserID: 'u' })).toEqual([
        200, 70169,
      ]);
      expect(await post(cached, 'openim/query_online_status', { To_Account: ['u'] })).toEqual([
        200, 91000,
      ]);
      expect(await post(neverSeen, 'im_open_login_svc/account_check', checkItem)).toEqual([
        200, 60008,
      ]);
      // What needs no backend still works.
      expect(await post(cached, 'openim/query_online_status', {})).toEqual([200, 90003]);

      expect((await fetch(`${h.opsUrl}/health`)).status).toBe(200);
      expect((await fetch(`${h.opsUrl}/ready`)).status).toBe(200);
    });
  });
});
