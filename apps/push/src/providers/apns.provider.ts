import { connect, constants } from 'node:http2';
import type { ClientHttp2Session, SecureClientSessionOptions } from 'node:http2';
import type { KeyObject } from 'node:crypto';

import type {
  DeviceNotification,
  DeviceTarget,
  ProviderResult,
  PushProvider,
} from './push-provider.model';
import { privateKeyOf, signJwt } from './jwt.util';

export interface ApnsProviderOptions {
  teamId: string;
  keyId: string;
  /** The .p8 key (PEM, EC P-256). */
  privateKey: string;
  /** The app's bundle ID (`apns-topic`). */
  bundleId: string;
  /** `https://api.push.apple.com`, the sandbox host, or a local server (`http://` = h2c). */
  baseUrl: string;
  timeoutMs: number;
  /** Extra TLS options (a test's CA). */
  tls?: SecureClientSessionOptions;
  now?: () => number;
}

/** Apple's reasons for which the token is dead and must be dropped. */
const DEAD_TOKEN_REASONS = new Set(['BadDeviceToken', 'Unregistered', 'DeviceTokenNotForTopic']);
/** A provider token is renewed after 50 minutes (Apple: ≥ 20 min, ≤ 60 min). */
const TOKEN_LIFETIME_MS = 50 * 60_000;

/**
 * APNs over HTTP/2 with token-based authentication (Apple, "Sending notification requests to
 * APNs"): one HTTP/2 session per app reused for every request; `POST /3/device/<token>` with
 * `authorization: bearer <ES256 JWT {kid}{iss, iat}>`, `apns-topic`, `apns-push-type: alert`,
 * `apns-priority: 10`, `apns-expiration`; the JSON payload's `aps` dictionary.
 */
export class ApnsProvider implements PushProvider {
  readonly name = 'apns' as const;
  private readonly key: KeyObject;
  private token?: { value: string; issuedAt: number };
  private session?: ClientHttp2Session;

  constructor(private readonly options: ApnsProviderOptions) {
    this.key = privateKeyOf(options.privateKey);
  }

  async send(target: DeviceTarget, n: DeviceNotification): Promise<ProviderResult> {
    const first = await this.request(target.token, n);
    if (first.status === 403 && first.reason === 'ExpiredProviderToken') {
      this.token = undefined;
      return this.request(target.token, n);
    }
    return first;
  }

  close(): void {
    this.session?.close();
    this.session = undefined;
  }

  /** The provider token, renewed when older than 50 minutes. */
  providerToken(): string {
    const now = (this.options.now ?? Date.now)();
    if (!this.token || now - this.token.issuedAt > TOKEN_LIFETIME_MS) {
      const value = signJwt(
        'ES256',
        { kid: this.options.keyId },
        { iss: this.options.teamId, iat: Math.floor(now / 1000) },
        this.key,
      );
      this.token = { value, issuedAt: now };
    }
    return this.token.value;
  }

  private connection(): ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = connect(this.options.baseUrl, this.options.tls ?? {});
    session.on('error', () => undefined);
    session.on('goaway', () => session.close());
    session.on('close', () => {
      if (this.session === session) this.session = undefined;
    });
    session.unref();
    this.session = session;
    return session;
  }

  private request(token: string, n: DeviceNotification): Promise<ProviderResult> {
    const payload = JSON.stringify(apnsPayload(n));
    const headers: Record<string, string> = {
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: `/3/device/${encodeURIComponent(token)}`,
      authorization: `bearer ${this.providerToken()}`,
      'apns-topic': this.options.bundleId,
      'apns-push-type': 'alert',
      'apns-priority': '10',
      'apns-expiration': String(n.expiration),
      'content-type': 'application/json',
    };
    if (n.collapseId) headers['apns-collapse-id'] = n.collapseId.slice(0, 64);
    return new Promise<ProviderResult>((resolve) => {
      let session: ClientHttp2Session;
      try {
        session = this.connection();
      } catch (err) {
        resolve({ ok: false, reason: (err as Error).message });
        return;
      }
      session.ref();
      const req = session.request(headers);
      const chunks: Buffer[] = [];
      let status = 0;
      const done = (result: ProviderResult) => {
        clearTimeout(timer);
        session.unref();
        resolve(result);
      };
      const timer = setTimeout(() => {
        req.close(constants.NGHTTP2_CANCEL);
        done({ ok: false, reason: 'timeout' });
      }, this.options.timeoutMs);
      req.on('response', (h) => (status = Number(h[constants.HTTP2_HEADER_STATUS])));
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('error', (err: Error) => done({ ok: false, reason: err.message }));
      req.on('end', () => {
        if (status === 200) return done({ ok: true, status });
        let reason = `HTTP ${status}`;
        try {
          reason =
            (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { reason?: string }).reason ??
            reason;
        } catch {
          // keep the status
        }
        done({
          ok: false,
          status,
          reason,
          invalidToken: status === 410 || DEAD_TOKEN_REASONS.has(reason),
        });
      });
      req.end(payload);
    });
  }
}

/**
 * The APNs JSON payload (Apple, "Generating a remote notification"): `aps.alert` with title,
 * subtitle and body, `sound`, `mutable-content`; the app's `ext` and data beside `aps`.
 */
export function apnsPayload(n: DeviceNotification): Record<string, unknown> {
  const alert: Record<string, string> = { body: n.body };
  if (n.title) alert.title = n.title;
  if (n.subtitle) alert.subtitle = n.subtitle;
  const aps: Record<string, unknown> = { alert, sound: n.sound || 'default' };
  if (n.mutableContent || n.image) aps['mutable-content'] = 1;
  return {
    aps,
    ...n.data,
    ...(n.ext !== undefined && n.ext !== '' && { ext: n.ext }),
    ...(n.image && { image: n.image }),
  };
}
