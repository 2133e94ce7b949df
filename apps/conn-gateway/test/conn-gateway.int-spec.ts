import { AckPolicy, DeliverPolicy } from 'nats';

import {
  AccountRpc,
  AppReply,
  CloseCodes,
  ConnSubjects,
  DeliveryBatch,
  ErrorCode,
  EventStreams,
  PresenceCacheKeys,
  PresenceSession,
} from '@im/contracts';
import { ImClient, ImError } from '@im/sdk';
import { waitFor } from '@im/testing';

import { GatewayHarness } from './conn-gateway.harness';

/**
 * A batch of a stand-in command (`test`) and data: the gateway forwards the data of any
 * command without reading it, which these tests show.
 */
const standIn = (batch: { items: object[]; payloads?: object[] }) =>
  batch as unknown as DeliveryBatch;

/** The WebSocket gateway against real NATS, Redis, PostgreSQL and a real account service. */
describe('conn-gateway', () => {
  let h: GatewayHarness;
  let app: AppReply;

  const presenceOf = async (sdkAppId: number, userId: string): Promise<PresenceSession[]> =>
    Object.values(await h.redis.hgetall(PresenceCacheKeys.sessions(sdkAppId, userId))).map(
      (v) => JSON.parse(v) as PresenceSession,
    );

  beforeAll(async () => {
    h = await GatewayHarness.start({ CONN_GATEWAY_HEARTBEAT_INTERVAL_MS: '1000' });
    app = await h.apps.create({ name: 'conn' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  describe('login', () => {
    it('admits a user with a valid UserSig, records the session in presence and creates the account', async () => {
      const alice = h.client(app, 'alice');

      const login = await alice.connect();

      expect(login).toMatchObject({
        connId: expect.any(String),
        nodeId: expect.any(String),
        heartbeatIntervalMs: 1000,
      });
      const presence = await presenceOf(app.sdkAppId, 'alice');
      expect(presence).toEqual([
        expect.objectContaining({
          connId: login.connId,
          nodeId: login.nodeId,
          platform: 'Web',
          status: 'Online',
        }),
      ]);
      const check = await h.bus.request(
        AccountRpc.Check,
        { userIds: ['alice'] },
        { context: { sdkAppId: app.sdkAppId, callerId: 'test', role: 'service' } },
      );
      expect(check.results[0].isImported).toBe(true);
    });

    it.each([
      [
        'an undecodable UserSig',
        () => ({ userId: 'bob', userSig: 'garbage' }),
        ErrorCode.UserSigUndecodable,
      ],
      [
        "another user's UserSig",
        (a: AppReply) => ({ userId: 'bob', userSig: h.userSig(a, 'carol') }),
        ErrorCode.UserSigIdentifierMismatch,
      ],
      [
        'an expired UserSig',
        (a: AppReply) => ({
          userId: 'bob',
          userSig: h.userSig(a, 'bob', { nowSeconds: 1_000_000, expireSeconds: 60 }),
        }),
        ErrorCode.UserSigExpired,
      ],
      ['no UserSig', () => ({ userId: 'bob', userSig: '' }), ErrorCode.UserSigEmpty],
    ])('refuses %s with its code and closes with 4003', async (_what, credentials, code) => {
      const raw = await h.raw();

      const res = await raw.request('login', {
        sdkAppId: app.sdkAppId,
        platform: 'Web',
        ...credentials(app),
      });

      expect(res.code).toBe(code);
      expect(await raw.closed()).toBe(CloseCodes.LoginFailed);
    });

    it('refuses an unknown app with 70020', async () => {
      const raw = await h.raw();

      const res = await raw.request('login', {
        sdkAppId: 4_000_000_000,
        platform: 'Web',
        userId: 'x',
        userSig: 'y',
      });

      expect(res.code).toBe(ErrorCode.SdkAppIdNotFound);
    });

    it('answers any request before login with 70002', async () => {
      const raw = await h.raw();

      const res = await raw.request('account.query-online-status', { userIds: ['alice'] });

      expect(res.code).toBe(ErrorCode.UserSigEmpty);
    });

    it('does not create the account when the app does not allow it', async () => {
      const strict = await h.apps.create({
        name: 'strict',
        settings: { autoCreateAccountOnLogin: false },
      });
      const client = h.client(strict, 'nobody');

      await expect(client.connect()).rejects.toMatchObject({ code: ErrorCode.AccountNotImported });
    });
  });

  describe('sessions', () => {
    it('ends the older session of the same platform and keeps the others (per-platform policy)', async () => {
      const web1 = h.client(app, 'dave', 'Web');
      const android = h.client(app, 'dave', 'Android');
      await web1.connect();
      await android.connect();
      const kicked: unknown[] = [];
      web1.on('kicked', (reason) => kicked.push(reason));

      const web2 = h.client(app, 'dave', 'Web');
      const login = await web2.connect();

      expect(login.kickedPlatforms).toEqual(['Web']);
      await waitFor(() => web1.state === 'closed');
      expect(kicked).toEqual(['multi-login']);
      expect(android.state).toBe('connected');
      await waitFor(async () => (await presenceOf(app.sdkAppId, 'dave')).length === 2);
    });

    it('ends every session of a kicked user and refuses the UserSigs issued before the kick', async () => {
      const kickApp = await h.apps.create({ name: 'kick' });
      const oldSig = h.userSig(kickApp, 'erin', { nowSeconds: Math.floor(Date.now() / 1000) - 10 });
      const erin = new ImClient({
        url: h.wsUrl,
        sdkAppId: kickApp.sdkAppId,
        userId: 'erin',
        userSig: oldSig,
        reconnect: false,
      });
      await erin.connect();
      const closed = new Promise<number>((resolve) =>
        erin.on('disconnected', (code: number) => resolve(code)),
      );

      await h.bus.request(
        AccountRpc.Kick,
        { userId: 'erin' },
        { context: { sdkAppId: kickApp.sdkAppId, callerId: 'administrator', role: 'admin' } },
      );

      expect(await closed).toBe(CloseCodes.KickedByAdmin);
      const again = new ImClient({
        url: h.wsUrl,
        sdkAppId: kickApp.sdkAppId,
        userId: 'erin',
        userSig: oldSig,
        reconnect: false,
      });
      await expect(again.connect()).rejects.toMatchObject({ code: ErrorCode.UserSigRevoked });
      const fresh = h.client(kickApp, 'erin');
      await expect(fresh.connect()).resolves.toMatchObject({ connId: expect.any(String) });
    });

    it('closes a silent connection after 3 heartbeat intervals and forgets its presence', async () => {
      const raw = await h.raw();
      const res = await raw.request('login', {
        sdkAppId: app.sdkAppId,
        platform: 'PC',
        userId: 'frank',
        userSig: h.userSig(app, 'frank'),
      });
      expect(res.code).toBe(0);

      expect(await raw.closed()).toBe(CloseCodes.HeartbeatTimeout);
      await waitFor(async () => (await presenceOf(app.sdkAppId, 'frank')).length === 0);
    });

    it('keeps a connection that sends heartbeats', async () => {
      const grace = h.client(app, 'grace');
      await grace.connect();

      await waitFor(
        async () => {
          const [entry] = await presenceOf(app.sdkAppId, 'grace');
          return (
            entry !== undefined &&
            entry.expiresAt > Date.now() + 2000 &&
            grace.state === 'connected'
          );
        },
        { timeoutMs: 6000 },
      );
      expect(grace.state).toBe('connected');
    });
  });

  describe('requests and pushes', () => {
    it('forwards a command to its service with the user as caller', async () => {
      const heidi = h.client(app, 'heidi');
      await heidi.connect();

      const reply = await heidi.request<{ results: { userId: string; status: string }[] }>(
        'account.query-online-status',
        { userIds: ['heidi', 'alice'] },
      );

      expect(reply.results).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: 'heidi', status: 'Online' })]),
      );
    });

    it('answers an unknown command with 60009 and a bad payload with the service code', async () => {
      const ivan = h.client(app, 'ivan');
      await ivan.connect();

      await expect(ivan.request('no.such.command')).rejects.toMatchObject({
        code: ErrorCode.ResourcePathWrong,
      });
      await expect(
        ivan.request('account.query-online-status', { userIds: 'x' }),
      ).rejects.toBeInstanceOf(ImError);
    });

    it('pushes what a service delivers to the node, to every session of the user but the excepted one', async () => {
      const web = h.client(app, 'judy', 'Web');
      const phone = h.client(app, 'judy', 'iPhone');
      const login = await web.connect();
      await phone.connect();
      const got: Record<string, unknown[]> = { web: [], phone: [] };
      web.on('push', (cmd: string, data: unknown) => cmd === 'test' && got.web.push(data));
      phone.on('push', (cmd: string, data: unknown) => cmd === 'test' && got.phone.push(data));

      h.bus.publishDirect(
        ConnSubjects.deliver(login.nodeId),
        standIn({
          items: [
            { sdkAppId: app.sdkAppId, userId: 'judy', cmd: 'test', data: { n: 1 } },
            {
              sdkAppId: app.sdkAppId,
              userId: 'judy',
              exceptConnId: login.connId,
              cmd: 'test',
              data: { n: 2 },
            },
          ],
        }),
      );

      await waitFor(() => got.phone.length === 2);
      expect(got.phone).toEqual([{ n: 1 }, { n: 2 }]);
      expect(got.web).toEqual([{ n: 1 }]);
    });

    it('pushes a payload the batch shares to every item that refers to it', async () => {
      const ann = h.client(app, 'ann-shared', 'Web');
      const ben = h.client(app, 'ben-shared', 'Web');
      const login = await ann.connect();
      await ben.connect();
      const got: Record<string, unknown[]> = { ann: [], ben: [] };
      ann.on('push', (cmd: string, data: unknown) => cmd === 'test' && got.ann.push(data));
      ben.on('push', (cmd: string, data: unknown) => cmd === 'test' && got.ben.push(data));

      h.bus.publishDirect(
        ConnSubjects.deliver(login.nodeId),
        standIn({
          payloads: [{ shared: true }],
          items: [
            { sdkAppId: app.sdkAppId, userId: 'ann-shared', cmd: 'test', ref: 0 },
            { sdkAppId: app.sdkAppId, userId: 'ben-shared', cmd: 'test', ref: 0 },
            { sdkAppId: app.sdkAppId, userId: 'ben-shared', cmd: 'test', data: { own: 1 } },
          ],
        }),
      );

      await waitFor(() => got.ben.length === 2 && got.ann.length === 1);
      expect(got.ann).toEqual([{ shared: true }]);
      expect(got.ben).toEqual([{ shared: true }, { own: 1 }]);
    });

    it('answers heartbeats and batched frames', async () => {
      const raw = await h.raw();
      raw.send({
        op: 'batch',
        frames: [
          { op: 'ping' },
          {
            op: 'req',
            seq: 7,
            cmd: 'login',
            data: {
              sdkAppId: app.sdkAppId,
              platform: 'Mac',
              userId: 'kim',
              userSig: h.userSig(app, 'kim'),
            },
          },
        ],
      });

      await waitFor(() => raw.frames.some((f) => f.op === 'res' && f.seq === 7 && f.code === 0));
      expect(raw.frames.some((f) => f.op === 'pong')).toBe(true);
    });

    it('closes a client that does not read its frames (4008) instead of buffering without bound', async () => {
      const raw = await h.raw();
      const res = await raw.request('login', {
        sdkAppId: app.sdkAppId,
        platform: 'Web',
        userId: 'lou',
        userSig: h.userSig(app, 'lou'),
      });
      expect(res.code).toBe(0);
      const nodeId = (res.data as { nodeId: string }).nodeId;
      (raw.socket as unknown as { _socket: { pause(): void } })._socket.pause();
      // it still writes its heartbeats (a loaded machine must not turn this into a 4004)
      const heartbeat = setInterval(() => raw.send({ op: 'ping' }), 500);

      try {
        // More than the kernel's socket buffers can absorb for a reader that does not read
        // (they grow to several MB), in rounds until the gateway gives up on the client.
        const big = 'x'.repeat(16_000);
        await waitFor(
          async () => {
            for (let i = 0; i < 200; i++) {
              h.bus.publishDirect(
                ConnSubjects.deliver(nodeId),
                standIn({
                  items: [{ sdkAppId: app.sdkAppId, userId: 'lou', cmd: 'test', data: { big } }],
                }),
              );
            }
            return (await presenceOf(app.sdkAppId, 'lou')).length === 0;
          },
          { timeoutMs: 30_000, intervalMs: 500 },
        );
      } finally {
        clearInterval(heartbeat);
      }
      (raw.socket as unknown as { _socket: { resume(): void } })._socket.resume();
      expect(await raw.closed()).toBe(CloseCodes.TooSlow);
    });
  });

  describe('tenant isolation', () => {
    it('keeps the same user ID of two apps apart: presence, pushes, multi-login and kicks', async () => {
      const other = await h.apps.create({ name: 'conn-other' });
      const mine = h.client(app, 'zoe');
      const theirs = h.client(other, 'zoe');
      const myLogin = await mine.connect();
      const theirLogin = await theirs.connect();
      const got: Record<string, unknown[]> = { mine: [], theirs: [] };
      mine.on('push', (cmd: string, data: unknown) => cmd === 'test' && got.mine.push(data));
      theirs.on('push', (cmd: string, data: unknown) => cmd === 'test' && got.theirs.push(data));

      // Same user, same platform, other app: no multi-login kick, one presence entry each.
      expect(mine.state).toBe('connected');
      expect((await presenceOf(app.sdkAppId, 'zoe')).map((p) => p.connId)).toEqual([
        myLogin.connId,
      ]);
      expect((await presenceOf(other.sdkAppId, 'zoe')).map((p) => p.connId)).toEqual([
        theirLogin.connId,
      ]);

      // A delivery for the other app's zoe reaches only that session, even on the same node.
      for (const nodeId of new Set([myLogin.nodeId, theirLogin.nodeId]))
        h.bus.publishDirect(
          ConnSubjects.deliver(nodeId),
          standIn({
            items: [{ sdkAppId: other.sdkAppId, userId: 'zoe', cmd: 'test', data: { n: 1 } }],
          }),
        );
      await waitFor(() => got.theirs.length >= 1);

      // Kicking the other app's zoe ends only that session.
      const theirClose = new Promise<number>((resolve) =>
        theirs.on('disconnected', (code: number) => resolve(code)),
      );
      await h.bus.request(
        AccountRpc.Kick,
        { userId: 'zoe' },
        { context: { sdkAppId: other.sdkAppId, callerId: 'administrator', role: 'admin' } },
      );
      expect(await theirClose).toBe(CloseCodes.KickedByAdmin);
      // The kick of (app, user) ended every session it matches at once; this one stays.
      expect(mine.state).toBe('connected');
      expect(got.mine).toEqual([]);
      expect((await presenceOf(app.sdkAppId, 'zoe')).map((p) => p.connId)).toEqual([
        myLogin.connId,
      ]);
    });
  });

  describe('guests', () => {
    it('lets a guest connect but not act', async () => {
      const guest = new ImClient({
        url: h.wsUrl,
        sdkAppId: app.sdkAppId,
        guest: true,
        reconnect: false,
      });
      const login = await guest.connect();

      expect(login.connId).toEqual(expect.any(String));
      await expect(
        guest.request('account.query-online-status', { userIds: ['alice'] }),
      ).rejects.toMatchObject({
        code: ErrorCode.UserSigEmpty,
      });
      await guest.close();
    });
  });

  describe('events and ops', () => {
    it('publishes session-opened and session-closed on JetStream', async () => {
      const mallory = h.client(app, 'mallory');
      const login = await mallory.connect();
      await mallory.close();

      const jsm = await h.bus.connection.jetstreamManager();
      await jsm.consumers.add(EventStreams.conn.name, {
        name: 'conn-test',
        ack_policy: AckPolicy.None,
        deliver_policy: DeliverPolicy.All,
      });
      const consumer = await h.bus.connection
        .jetstream()
        .consumers.get(EventStreams.conn.name, 'conn-test');
      const seen: { subject: string; connId: string; reason?: string }[] = [];
      await waitFor(
        async () => {
          const msg = await consumer.next({ expires: 1000 });
          if (msg) {
            const data = msg.json<{ data: { connId: string; reason?: string } }>().data;
            seen.push({ subject: msg.subject, connId: data.connId, reason: data.reason });
          }
          return seen.some((s) => s.connId === login.connId && s.subject.endsWith('closed'));
        },
        { timeoutMs: 8000 },
      );
      expect(seen.filter((s) => s.connId === login.connId)).toEqual([
        { subject: 'conn.evt.session-opened', connId: login.connId, reason: undefined },
        { subject: 'conn.evt.session-closed', connId: login.connId, reason: 'logout' },
      ]);
    });

    it('answers /health, /ready, /metrics and /endpoints', async () => {
      expect((await fetch(`${h.opsUrl}/health`)).status).toBe(200);
      expect((await fetch(`${h.opsUrl}/ready`)).status).toBe(200);
      expect(await (await fetch(`${h.opsUrl}/metrics`)).text()).toContain('im_conn_connections');
      const endpoints = (await (
        await fetch(h.wsUrl.replace('ws://', 'http://').replace('/ws', '/endpoints'))
      ).json()) as {
        endpoints: string[];
      };
      expect(endpoints.endpoints).toEqual([h.wsUrl]);
    });
  });
});
