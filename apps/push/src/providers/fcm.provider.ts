import type { KeyObject } from 'node:crypto';

import type {
  DeviceNotification,
  DeviceTarget,
  ProviderResult,
  PushProvider,
} from './push-provider.model';
import { privateKeyOf, signJwt } from './jwt.util';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

export interface FcmProviderOptions {
  projectId: string;
  clientEmail: string;
  /** The service account's RSA key (PEM). */
  privateKey: string;
  privateKeyId?: string;
  /** OAuth2 token endpoint (the key file's `token_uri`). */
  tokenUri?: string;
  /** `https://fcm.googleapis.com` or a local server. */
  baseUrl: string;
  timeoutMs: number;
  now?: () => number;
}

/**
 * FCM HTTP v1 (Google, "Migrate from legacy FCM APIs to HTTP v1"): an OAuth2 access token
 * obtained with a service-account JWT (RS256, `iss` = client email, `scope` = firebase.messaging,
 * `aud` = token URI) through the `urn:ietf:params:oauth:grant-type:jwt-bearer` grant, reused until
 * a minute before it expires; `POST /v1/projects/<id>/messages:send` with `{ message }`.
 */
export class FcmProvider implements PushProvider {
  readonly name = 'fcm' as const;
  private readonly key: KeyObject;
  private access?: { token: string; expiresAt: number };
  private loading?: Promise<string>;

  constructor(private readonly options: FcmProviderOptions) {
    this.key = privateKeyOf(options.privateKey);
  }

  async send(target: DeviceTarget, n: DeviceNotification): Promise<ProviderResult> {
    let token: string;
    try {
      token = await this.accessToken();
    } catch (err) {
      return { ok: false, reason: `token: ${(err as Error).message}` };
    }
    const first = await this.post(token, target.token, n);
    if (first.status === 401) {
      this.access = undefined;
      try {
        return await this.post(await this.accessToken(), target.token, n);
      } catch (err) {
        return { ok: false, reason: `token: ${(err as Error).message}` };
      }
    }
    return first;
  }

  close(): void {
    this.access = undefined;
  }

  /** The OAuth2 access token, fetched once and shared by concurrent sends. */
  accessToken(): Promise<string> {
    const now = this.now();
    if (this.access && this.access.expiresAt - 60_000 > now)
      return Promise.resolve(this.access.token);
    this.loading ??= this.fetchToken().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** The signed service-account assertion. */
  assertion(): string {
    const iat = Math.floor(this.now() / 1000);
    return signJwt(
      'RS256',
      { typ: 'JWT', ...(this.options.privateKeyId && { kid: this.options.privateKeyId }) },
      {
        iss: this.options.clientEmail,
        scope: FCM_SCOPE,
        aud: this.tokenUri(),
        iat,
        exp: iat + 3600,
      },
      this.key,
    );
  }

  private async fetchToken(): Promise<string> {
    const res = await fetch(this.tokenUri(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: this.assertion(),
      }).toString(),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
    };
    if (!res.ok || !body.access_token)
      throw new Error(`HTTP ${res.status} ${body.error ?? 'no access_token'}`);
    this.access = {
      token: body.access_token,
      expiresAt: this.now() + (body.expires_in ?? 3600) * 1000,
    };
    return body.access_token;
  }

  private async post(
    accessToken: string,
    token: string,
    n: DeviceNotification,
  ): Promise<ProviderResult> {
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/v1/projects/${encodeURIComponent(this.options.projectId)}/messages:send`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/json; charset=utf-8',
        },
        body: JSON.stringify(fcmMessage(token, n, this.now())),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      return { ok: false, reason: (err as Error).message };
    }
    if (res.ok) return { ok: true, status: res.status };
    const body = (await res.json().catch(() => ({}))) as FcmErrorBody;
    const codes = (body.error?.details ?? []).map((d) => d.errorCode).filter(Boolean);
    const reason = codes[0] ?? body.error?.status ?? `HTTP ${res.status}`;
    return {
      ok: false,
      status: res.status,
      reason,
      invalidToken: codes.includes('UNREGISTERED') || body.error?.status === 'NOT_FOUND',
    };
  }

  private tokenUri(): string {
    return this.options.tokenUri ?? GOOGLE_TOKEN_URI;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

interface FcmErrorBody {
  error?: { code?: number; status?: string; message?: string; details?: { errorCode?: string }[] };
}

/**
 * The v1 `Message` for one registration token: `notification` (title, body, image), `data`
 * (string values only: the app's data and `ext`), `android` (priority, TTL from the
 * expiration, sound, channel).
 */
export function fcmMessage(
  token: string,
  n: DeviceNotification,
  now = Date.now(),
): { message: Record<string, unknown> } {
  const notification: Record<string, string> = { body: n.body };
  if (n.title) notification.title = n.title;
  if (n.image) notification.image = n.image;
  const data: Record<string, string> = { ...n.data };
  if (n.ext) data.ext = n.ext;
  const androidNotification: Record<string, string> = {};
  if (n.androidSound) androidNotification.sound = n.androidSound;
  if (n.androidChannelId) androidNotification.channel_id = n.androidChannelId;
  const ttlSeconds = n.expiration > 0 ? Math.max(0, n.expiration - Math.floor(now / 1000)) : 0;
  return {
    message: {
      token,
      notification,
      ...(Object.keys(data).length > 0 && { data }),
      android: {
        priority: 'HIGH',
        ttl: `${ttlSeconds}s`,
        ...(Object.keys(androidNotification).length > 0 && { notification: androidNotification }),
      },
    },
  };
}
