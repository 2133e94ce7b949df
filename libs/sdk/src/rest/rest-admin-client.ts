import { randomInt } from 'node:crypto';

import { signUserSig } from '@im/usersig';

import { isRestEnvelope, RestEnvelope } from './rest-envelope';

export interface RestAdminClientOptions {
  /** e.g. `http://127.0.0.1:8080` (the `/v4/...` path is added). */
  baseUrl: string;
  sdkAppId: number;
  /** An App admin identifier, e.g. `administrator`. */
  identifier: string;
  /** Signs admin UserSigs itself with this key... */
  secretKey?: string;
  /** ...or uses this ready UserSig. */
  userSig?: string;
  /** Validity of self-signed UserSigs; renewed a minute before they expire. Default 1 day. */
  userSigTtlSeconds?: number;
  timeoutMs?: number;
}

export interface CallOverrides {
  identifier?: string;
  userSig?: string;
  sdkAppId?: number | string;
  /** Sent as is instead of JSON-encoding the body. */
  rawBody?: string;
  contentType?: string;
}

/**
 * A REST client for the App admin, speaking the Tencent-compatible `/v4` API: it signs (and
 * renews) the admin UserSig, adds the five query parameters and returns the envelope.
 */
export class RestAdminClient {
  private cachedSig?: { value: string; renewAt: number };

  constructor(private readonly options: RestAdminClientOptions) {
    if (!options.secretKey && !options.userSig)
      throw new Error('RestAdminClient needs a secretKey or a userSig');
  }

  /** POST /v4/{service}/{command}; resolves with the envelope whatever ErrorCode says. */
  async call(
    service: string,
    command: string,
    body: unknown = {},
    overrides: CallOverrides = {},
  ): Promise<RestEnvelope> {
    const query = new URLSearchParams({
      sdkappid: String(overrides.sdkAppId ?? this.options.sdkAppId),
      identifier: overrides.identifier ?? this.options.identifier,
      usersig: overrides.userSig ?? this.userSig(),
      random: String(randomInt(0, 0xffffffff)),
      contenttype: 'json',
    });
    const url = `${this.options.baseUrl}/v4/${service}/${command}?${query.toString()}`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': overrides.contentType ?? 'application/json' },
      body: overrides.rawBody ?? JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${service}/${command}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
    }
    if (!isRestEnvelope(parsed))
      throw new Error(
        `${service}/${command}: HTTP ${res.status}, no envelope: ${text.slice(0, 200)}`,
      );
    return parsed;
  }

  /** Like `call`, but throws unless ActionStatus is OK. */
  async ok(service: string, command: string, body: unknown = {}): Promise<RestEnvelope> {
    const envelope = await this.call(service, command, body);
    if (envelope.ActionStatus !== 'OK' || envelope.ErrorCode !== 0) {
      throw new RestCallError(service, command, envelope);
    }
    return envelope;
  }

  private userSig(): string {
    if (this.options.userSig) return this.options.userSig;
    const now = Math.floor(Date.now() / 1000);
    if (!this.cachedSig || now >= this.cachedSig.renewAt) {
      const ttl = this.options.userSigTtlSeconds ?? 86_400;
      this.cachedSig = {
        value: signUserSig({
          sdkAppId: this.options.sdkAppId,
          secretKey: this.options.secretKey ?? '',
          identifier: this.options.identifier,
          expireSeconds: ttl,
          nowSeconds: now,
        }),
        renewAt: now + Math.max(1, ttl - 60),
      };
    }
    return this.cachedSig.value;
  }
}

export class RestCallError extends Error {
  constructor(
    readonly service: string,
    readonly command: string,
    readonly envelope: RestEnvelope,
  ) {
    super(`${service}/${command} failed: ${envelope.ErrorCode} ${envelope.ErrorInfo}`);
    this.name = 'RestCallError';
  }
}
