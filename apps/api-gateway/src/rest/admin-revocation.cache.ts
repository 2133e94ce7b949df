import { Inject, Injectable } from '@nestjs/common';

import { NatsBus, PLATFORM_CONFIG, PLATFORM_LOGGER, UserSigRevocationCache } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { ApiGatewayConfig } from '../api-gateway.config';

/**
 * Since when each app admin's UserSigs are revoked (`im_open_login_svc/kick`), for the REST
 * edge. Only identifiers that passed the UserSig check and are admins of their app are looked
 * up, so the cache holds a few entries per app.
 */
@Injectable()
export class AdminRevocationCache extends UserSigRevocationCache {
  constructor(
    bus: NatsBus,
    @Inject(PLATFORM_CONFIG) config: ApiGatewayConfig,
    @Inject(PLATFORM_LOGGER) logger: PlatformLogger,
  ) {
    super(bus, logger, {
      ttlMs: config.rest.credentialsTtlMs,
      maxEntries: 10_000,
      revokedMessage: 'admin UserSigs revoked',
    });
  }
}
