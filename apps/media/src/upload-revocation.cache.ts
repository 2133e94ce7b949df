import { Inject, Injectable } from '@nestjs/common';

import { NatsBus, PLATFORM_CONFIG, PLATFORM_LOGGER, UserSigRevocationCache } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { MediaConfig } from './media.config';

/**
 * Since when each uploader's UserSigs are revoked (a kick), as the WebSocket login and the REST
 * edge refuse them; trusted for the app registry's TTL without an event.
 */
@Injectable()
export class UploadRevocationCache extends UserSigRevocationCache {
  constructor(
    bus: NatsBus,
    @Inject(PLATFORM_CONFIG) config: MediaConfig,
    @Inject(PLATFORM_LOGGER) logger: PlatformLogger,
  ) {
    super(bus, logger, {
      ttlMs: config.appRegistry.ttlMs,
      maxEntries: 50_000,
      revokedMessage: 'uploads revoked',
    });
  }
}
