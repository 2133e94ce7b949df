import { createLogger } from '@im/platform';
import type { NatsBus } from '@im/platform';

import type { ApiGatewayConfig } from '../api-gateway.config';
import { AdminRevocationCache } from './admin-revocation.cache';

// The lookups, events and failures are the shared cache's (libs/platform
// usersig-revocation.cache.spec.ts); here only what the REST edge configures.
describe(AdminRevocationCache.name, () => {
  it("trusts an admin's kick time for the edge's credentials TTL", async () => {
    const asked: number[] = [];
    const bus = {
      request: () => Promise.resolve({ created: false, revokedBefore: asked.push(1) }),
      asService: () => ({}),
      subscribe: () => ({ unsubscribe: () => undefined }),
    };
    const config = { rest: { credentialsTtlMs: 5_000 } } as ApiGatewayConfig;
    const sut = new AdminRevocationCache(
      bus as unknown as NatsBus,
      config,
      createLogger('api-gateway', 'test', 'silent'),
    );

    const now = Date.now();
    expect(await sut.revokedBefore(1, 'administrator', now)).toBe(1);
    expect(await sut.revokedBefore(1, 'administrator', now + 5_000 - 1_000)).toBe(1);
    expect(await sut.revokedBefore(1, 'administrator', now + 5_000 + 1_000)).toBe(2);
  });
});
