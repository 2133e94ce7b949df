// Local stand-ins for APNs (HTTP/2, TLS with a certificate made at test time, or h2c) and for
// Google's OAuth2 token endpoint + FCM HTTP v1, checking each request as Apple and Google
// document them and recording what they accepted.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createSecureServer, createServer as createH2cServer } from 'node:http2';
import type {
  Http2Server,
  Http2SecureServer,
  IncomingHttpHeaders,
  ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** An EC P-256 key as Apple hands it out (.p8, PKCS#8 PEM), with its public half. */
export function makeApnsKey(): { p8: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { p8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
}

/** A service account's RSA key (PKCS#8 PEM), with its public half. */
export function makeServiceAccountKey(): { pem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
}

/** A self-signed certificate for localhost/127.0.0.1, made with openssl. */
export function makeCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'push-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A JWS split and checked: header, claims, and whether the signature verifies. */
export function decodeJwt(
  jwt: string,
  publicKey: KeyObject,
): { header: Record<string, unknown>; claims: Record<string, unknown>; valid: boolean } {
  const [h, c, s] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const claims = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const signature = Buffer.from(s, 'base64url');
  const data = Buffer.from(`${h}.${c}`);
  const valid =
    header.alg === 'ES256'
      ? signature.length === 64 &&
        verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)
      : verify('sha256', data, publicKey, signature);
  return { header, claims, valid };
}

export interface ApnsRequest {
  headers: IncomingHttpHeaders;
  token: string;
  payload: Record<string, unknown>;
  jwt: { header: Record<string, unknown>; claims: Record<string, unknown>; valid: boolean };
}

/**
 * An APNs server: `POST /3/device/<token>` only; answers 410 Unregistered for tokens starting
 * with `dead`, 403 ExpiredProviderToken once when `expireNextToken` is set, 400 for a request
 * that breaks Apple's rules (recorded in `problems`), else 200 with an `apns-id`.
 */
export class FakeApns {
  readonly requests: ApnsRequest[] = [];
  readonly problems: string[] = [];
  sessions = 0;
  expireNextToken = false;
  private constructor(
    private readonly server: Http2SecureServer | Http2Server,
    readonly url: string,
  ) {}

  static async start(
    publicKey: KeyObject,
    expected: { teamId: string; keyId: string; topic: string },
    tls?: { key: string; cert: string },
  ): Promise<FakeApns> {
    const server = tls ? createSecureServer({ key: tls.key, cert: tls.cert }) : createH2cServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const fake = new FakeApns(
      server,
      `${tls ? 'https' : 'http'}://${tls ? 'localhost' : '127.0.0.1'}:${port}`,
    );
    server.on('session', () => fake.sessions++);
    server.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () =>
        fake.onRequest(stream, headers, Buffer.concat(chunks), publicKey, expected),
      );
    });
    return fake;
  }

  private onRequest(
    stream: ServerHttp2Stream,
    headers: IncomingHttpHeaders,
    body: Buffer,
    publicKey: KeyObject,
    expected: { teamId: string; keyId: string; topic: string },
  ): void {
    const reply = (status: number, json?: unknown) => {
      stream.respond({ ':status': status, 'apns-id': '00000000-0000-0000-0000-000000000001' });
      stream.end(json === undefined ? undefined : JSON.stringify(json));
    };
    const problems: string[] = [];
    const match = /^\/3\/device\/([^/]+)$/.exec(String(headers[':path']));
    if (headers[':method'] !== 'POST') problems.push(`method ${String(headers[':method'])}`);
    if (!match) problems.push(`path ${String(headers[':path'])}`);
    const auth = String(headers.authorization ?? '');
    if (!auth.startsWith('bearer ')) problems.push('no bearer provider token');
    const jwt = decodeJwt(auth.slice('bearer '.length), publicKey);
    if (!jwt.valid) problems.push('provider token signature');
    if (jwt.header.alg !== 'ES256' || jwt.header.kid !== expected.keyId)
      problems.push('jwt header');
    if (jwt.claims.iss !== expected.teamId || typeof jwt.claims.iat !== 'number')
      problems.push('jwt claims');
    if (headers['apns-topic'] !== expected.topic) problems.push('apns-topic');
    if (headers['apns-push-type'] !== 'alert') problems.push('apns-push-type');
    if (!['5', '10'].includes(String(headers['apns-priority']))) problems.push('apns-priority');
    if (!/^\d+$/.test(String(headers['apns-expiration']))) problems.push('apns-expiration');
    let payload: Record<string, unknown> = {};
    try {
      payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      problems.push('payload not JSON');
    }
    if (body.length > 4096) problems.push('payload over 4 KB');
    if (typeof payload.aps !== 'object' || payload.aps === null) problems.push('no aps');
    if (problems.length > 0) {
      this.problems.push(...problems);
      return reply(400, { reason: 'BadRequest' });
    }
    if (this.expireNextToken) {
      this.expireNextToken = false;
      return reply(403, { reason: 'ExpiredProviderToken' });
    }
    const token = decodeURIComponent(match?.[1] ?? '');
    this.requests.push({ headers, token, payload, jwt });
    if (token.startsWith('dead'))
      return reply(410, { reason: 'Unregistered', timestamp: Date.now() });
    return reply(200);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface FcmSend {
  authorization: string;
  message: Record<string, unknown>;
}

/**
 * Google's OAuth2 token endpoint (`POST /token`, jwt-bearer grant) and FCM HTTP v1
 * (`POST /v1/projects/<id>/messages:send` with the issued bearer token). Registration tokens
 * starting with `dead` get 404 UNREGISTERED.
 */
export class FakeFcm {
  readonly sends: FcmSend[] = [];
  readonly problems: string[] = [];
  tokenRequests = 0;
  readonly accessToken = 'ya29.local-test-token';

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(
    publicKey: KeyObject,
    expected: { clientEmail: string; projectId: string },
  ): Promise<FakeFcm> {
    const holder: { fake?: FakeFcm } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        holder.fake?.onRequest(
          req,
          res,
          Buffer.concat(chunks).toString('utf8'),
          publicKey,
          expected,
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeFcm(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    holder.fake = fake;
    return fake;
  }

  get tokenUri(): string {
    return `${this.url}/token`;
  }

  private onRequest(
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
    publicKey: KeyObject,
    expected: { clientEmail: string; projectId: string },
  ): void {
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'POST' && req.url === '/token') {
      this.tokenRequests++;
      const problems: string[] = [];
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
        problems.push('token content-type');
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
        problems.push('grant_type');
      const jwt = decodeJwt(form.get('assertion') ?? '..', publicKey);
      const c = jwt.claims;
      if (!jwt.valid || jwt.header.alg !== 'RS256') problems.push('assertion signature');
      if (c.iss !== expected.clientEmail) problems.push('assertion iss');
      if (c.scope !== 'https://www.googleapis.com/auth/firebase.messaging') problems.push('scope');
      if (c.aud !== this.tokenUri) problems.push('assertion aud');
      if (typeof c.iat !== 'number' || c.exp !== c.iat + 3600) problems.push('iat/exp');
      if (problems.length > 0) {
        this.problems.push(...problems);
        return json(400, { error: 'invalid_grant' });
      }
      return json(200, { access_token: this.accessToken, expires_in: 3599, token_type: 'Bearer' });
    }
    if (req.method === 'POST' && req.url === `/v1/projects/${expected.projectId}/messages:send`) {
      const problems: string[] = [];
      if (req.headers.authorization !== `Bearer ${this.accessToken}`) problems.push('bearer');
      if (!String(req.headers['content-type']).startsWith('application/json'))
        problems.push('send content-type');
      let message: Record<string, unknown> = {};
      try {
        message = (JSON.parse(body) as { message: Record<string, unknown> }).message;
      } catch {
        problems.push('body not JSON');
      }
      if (typeof message?.token !== 'string') problems.push('message.token');
      const data = (message?.data ?? {}) as Record<string, unknown>;
      if (Object.values(data).some((v) => typeof v !== 'string')) problems.push('data values');
      if (problems.length > 0) {
        this.problems.push(...problems);
        return json(400, {
          error: { code: 400, status: 'INVALID_ARGUMENT', message: problems.join() },
        });
      }
      this.sends.push({ authorization: String(req.headers.authorization), message });
      if (String(message.token).startsWith('dead'))
        return json(404, {
          error: {
            code: 404,
            message: 'Requested entity was not found.',
            status: 'NOT_FOUND',
            details: [
              {
                '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError',
                errorCode: 'UNREGISTERED',
              },
            ],
          },
        });
      return json(200, { name: `projects/${expected.projectId}/messages/0:1` });
    }
    this.problems.push(`unexpected ${req.method} ${req.url}`);
    return json(404, { error: { code: 404, status: 'NOT_FOUND' } });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
