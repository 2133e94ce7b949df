import { createHmac } from 'node:crypto';

import type {
  DeviceNotification,
  DeviceTarget,
  ProviderResult,
  PushProvider,
} from './push-provider.model';

export interface WebhookProviderOptions {
  sdkAppId: number;
  url: string;
  secret?: string;
  timeoutMs: number;
}

/**
 * A generic provider: POSTs each notification as JSON to the app's own endpoint, which
 * delivers it through whatever channel it has (vendor push services, SMS...). With a secret,
 * `X-Push-Signature: sha256=<hex HMAC-SHA256 of the body>`. 2xx = accepted; 404/410 = the
 * token is dead.
 */
export class WebhookProvider implements PushProvider {
  readonly name = 'webhook' as const;

  constructor(private readonly options: WebhookProviderOptions) {}

  async send(target: DeviceTarget, n: DeviceNotification): Promise<ProviderResult> {
    const body = JSON.stringify({
      sdkAppId: this.options.sdkAppId,
      userId: target.userId,
      token: target.token,
      platform: target.platform ?? undefined,
      notification: n,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.secret)
      headers['x-push-signature'] =
        `sha256=${createHmac('sha256', this.options.secret).update(body).digest('hex')}`;
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, status: res.status };
      return {
        ok: false,
        status: res.status,
        reason: `HTTP ${res.status}`,
        invalidToken: res.status === 404 || res.status === 410,
      };
    } catch (err) {
      return { ok: false, reason: (err as Error).message };
    }
  }

  close(): void {}
}
