/**
 * The APNs, FCM and webhook providers against local servers that check every request as Apple
 * and Google document it: APNs over HTTP/2 + TLS (a certificate made with openssl for this run)
 * with an ES256 provider token, FCM HTTP v1 behind the OAuth2 jwt-bearer grant.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApnsProvider } from '../src/providers/apns.provider';
import { FcmProvider } from '../src/providers/fcm.provider';
import { buildNotification } from '../src/providers/notification.mapper';
import { WebhookProvider } from '../src/providers/webhook.provider';
import {
  FakeApns,
  FakeFcm,
  makeApnsKey,
  makeCertificate,
  makeServiceAccountKey,
} from './provider-servers';

const notification = buildNotification({
  body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Big sale today' } }],
  offlinePush: { Title: 'Shop', Ext: '{"page":"sale"}', ApnsInfo: { Sound: 'ding.caf' } },
  lifeTimeSeconds: 3600,
  data: { taskId: 'task-1' },
});

describe(ApnsProvider.name, () => {
  const key = makeApnsKey();
  const tls = makeCertificate();
  const expected = { teamId: 'TEAM123456', keyId: 'KEY1234567', topic: 'com.example.shop' };
  let apns: FakeApns;
  let provider: ApnsProvider;

  beforeAll(async () => {
    apns = await FakeApns.start(key.publicKey, expected, tls);
    provider = new ApnsProvider({
      teamId: expected.teamId,
      keyId: expected.keyId,
      privateKey: key.p8,
      bundleId: expected.topic,
      baseUrl: apns.url,
      timeoutMs: 5000,
      tls: { ca: tls.cert },
    });
  });

  afterAll(async () => {
    provider?.close();
    await apns?.stop();
  });

  it('posts /3/device/<token> over HTTP/2 with a valid ES256 provider token and the APNs headers', async () => {
    const result = await provider.send({ token: 'a1b2c3', userId: 'u1' }, notification);

    expect(apns.problems).toEqual([]);
    expect(result).toEqual({ ok: true, status: 200 });
    const req = apns.requests.at(-1);
    expect(req?.token).toBe('a1b2c3');
    expect(req?.jwt).toMatchObject({
      header: { alg: 'ES256', kid: 'KEY1234567' },
      claims: { iss: 'TEAM123456', iat: expect.any(Number) },
      valid: true,
    });
    expect(req?.headers).toMatchObject({
      'apns-topic': 'com.example.shop',
      'apns-push-type': 'alert',
      'apns-priority': '10',
      'apns-expiration': String(notification.expiration),
    });
    expect(req?.payload).toEqual({
      aps: { alert: { title: 'Shop', body: 'Big sale today' }, sound: 'ding.caf' },
      taskId: 'task-1',
      ext: '{"page":"sale"}',
    });
  });

  it('reuses one HTTP/2 connection and one provider token for many notifications', async () => {
    const before = apns.requests.length;

    await Promise.all(
      ['t1', 't2', 't3'].map((token) => provider.send({ token, userId: 'u' }, notification)),
    );

    expect(apns.sessions).toBe(1);
    const tokens = new Set(apns.requests.slice(before).map((r) => r.headers.authorization));
    expect(tokens.size).toBe(1);
  });

  it('reports a token APNs answers 410 Unregistered for as invalid', async () => {
    const result = await provider.send({ token: 'dead-token', userId: 'u' }, notification);

    expect(result).toMatchObject({
      ok: false,
      status: 410,
      reason: 'Unregistered',
      invalidToken: true,
    });
  });

  it('signs a new provider token and retries once after 403 ExpiredProviderToken', async () => {
    const before = apns.requests.length;
    apns.expireNextToken = true;

    const result = await provider.send({ token: 'again', userId: 'u' }, notification);

    expect(result.ok).toBe(true);
    expect(apns.requests.length).toBe(before + 1);
  });

  it('speaks h2c to an http:// base URL (local test servers)', async () => {
    const h2c = await FakeApns.start(key.publicKey, expected);
    const plain = new ApnsProvider({
      teamId: expected.teamId,
      keyId: expected.keyId,
      privateKey: key.p8,
      bundleId: expected.topic,
      baseUrl: h2c.url,
      timeoutMs: 5000,
    });
    try {
      expect(await plain.send({ token: 'x1', userId: 'u' }, notification)).toMatchObject({
        ok: true,
      });
      expect(h2c.problems).toEqual([]);
    } finally {
      plain.close();
      await h2c.stop();
    }
  });
});

describe(FcmProvider.name, () => {
  const key = makeServiceAccountKey();
  const expected = { clientEmail: 'push@proj-1.iam.gserviceaccount.com', projectId: 'proj-1' };
  let fcm: FakeFcm;
  let provider: FcmProvider;

  beforeAll(async () => {
    fcm = await FakeFcm.start(key.publicKey, expected);
    provider = new FcmProvider({
      projectId: expected.projectId,
      clientEmail: expected.clientEmail,
      privateKey: key.pem,
      privateKeyId: 'kid-1',
      tokenUri: fcm.tokenUri,
      baseUrl: fcm.url,
      timeoutMs: 5000,
    });
  });

  afterAll(async () => {
    await fcm?.stop();
  });

  it('exchanges a service-account JWT for an access token, then sends a v1 message', async () => {
    const result = await provider.send({ token: 'reg-token-1', userId: 'u' }, notification);

    expect(fcm.problems).toEqual([]);
    expect(result).toEqual({ ok: true, status: 200 });
    expect(fcm.tokenRequests).toBe(1);
    expect(fcm.sends.at(-1)).toEqual({
      authorization: `Bearer ${fcm.accessToken}`,
      message: {
        token: 'reg-token-1',
        notification: { title: 'Shop', body: 'Big sale today' },
        data: { taskId: 'task-1', ext: '{"page":"sale"}' },
        android: { priority: 'HIGH', ttl: expect.stringMatching(/^\d+s$/) },
      },
    });
  });

  it('reuses the access token until it expires', async () => {
    await Promise.all(
      ['r1', 'r2'].map((t) => provider.send({ token: t, userId: 'u' }, notification)),
    );

    expect(fcm.tokenRequests).toBe(1);
    expect(fcm.problems).toEqual([]);
  });

  it('reports UNREGISTERED as an invalid token', async () => {
    const result = await provider.send({ token: 'dead-reg', userId: 'u' }, notification);

    expect(result).toMatchObject({
      ok: false,
      status: 404,
      reason: 'UNREGISTERED',
      invalidToken: true,
    });
  });
});

describe(WebhookProvider.name, () => {
  it('posts the notification as JSON with an HMAC-SHA256 signature of the body', async () => {
    const received: { signature: string; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          signature: String(req.headers['x-push-signature']),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(req.url === '/gone' ? 410 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const provider = new WebhookProvider({
        sdkAppId: 7,
        url: `${base}/push`,
        secret: 's3',
        timeoutMs: 5000,
      });
      const gone = new WebhookProvider({ sdkAppId: 7, url: `${base}/gone`, timeoutMs: 5000 });

      expect(
        await provider.send({ token: 'tk', userId: 'u1', platform: 'Android' }, notification),
      ).toEqual({
        ok: true,
        status: 204,
      });
      expect(await gone.send({ token: 'tk', userId: 'u1' }, notification)).toMatchObject({
        ok: false,
        invalidToken: true,
      });

      const [first] = received;
      expect(first.signature).toBe(
        `sha256=${createHmac('sha256', 's3').update(first.body).digest('hex')}`,
      );
      expect(JSON.parse(first.body)).toMatchObject({
        sdkAppId: 7,
        userId: 'u1',
        token: 'tk',
        platform: 'Android',
        notification: { title: 'Shop', body: 'Big sale today' },
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
