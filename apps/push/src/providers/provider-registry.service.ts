import { createHash } from 'node:crypto';

import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';

import type { PushProviderName } from '@im/contracts';
import { PLATFORM_CONFIG, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { PushConfig } from '../push.config';
import type { AppPushSettings } from '../push-settings.reader';
import { ApnsProvider } from './apns.provider';
import { FcmProvider } from './fcm.provider';
import type { PushProvider } from './push-provider.model';
import { WebhookProvider } from './webhook.provider';

interface Entry {
  fingerprint: string;
  provider: PushProvider;
}

/**
 * The providers of each app, built from its credentials (app settings `push.apns`,
 * `push.fcm`, `push.webhook`) and kept while they do not change, so an APNs HTTP/2 session,
 * its provider token and an FCM access token are reused across notifications.
 */
@Injectable()
export class ProviderRegistry implements OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PushConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** The app's provider for a device kind, or undefined when the app configured none. */
  providerFor(
    sdkAppId: number,
    settings: AppPushSettings,
    name: PushProviderName,
  ): PushProvider | undefined {
    const creds = settings[name];
    const key = `${sdkAppId}:${name}`;
    if (!creds) {
      this.drop(key);
      return undefined;
    }
    const fingerprint = createHash('sha256').update(JSON.stringify(creds)).digest('hex');
    const known = this.entries.get(key);
    if (known?.fingerprint === fingerprint) return known.provider;
    this.drop(key);
    try {
      const provider = this.build(sdkAppId, settings, name);
      if (provider) this.entries.set(key, { fingerprint, provider });
      return provider;
    } catch (err) {
      this.logger.warn(
        { sdkAppId, provider: name, err: (err as Error).message },
        'bad push credentials',
      );
      return undefined;
    }
  }

  onApplicationShutdown(): void {
    for (const key of [...this.entries.keys()]) this.drop(key);
  }

  private build(
    sdkAppId: number,
    settings: AppPushSettings,
    name: PushProviderName,
  ): PushProvider | undefined {
    const timeoutMs = this.config.push.providerTimeoutMs;
    switch (name) {
      case 'apns': {
        const c = settings.apns;
        if (!c) return undefined;
        return new ApnsProvider({
          ...c,
          baseUrl:
            c.environment === 'sandbox'
              ? this.config.push.apnsSandboxUrl
              : this.config.push.apnsUrl,
          timeoutMs,
        });
      }
      case 'fcm': {
        const c = settings.fcm;
        if (!c) return undefined;
        return new FcmProvider({ ...c, baseUrl: this.config.push.fcmUrl, timeoutMs });
      }
      case 'webhook': {
        const c = settings.webhook;
        if (!c) return undefined;
        return new WebhookProvider({ sdkAppId, url: c.url, secret: c.secret, timeoutMs });
      }
    }
  }

  private drop(key: string): void {
    this.entries.get(key)?.provider.close();
    this.entries.delete(key);
  }
}
