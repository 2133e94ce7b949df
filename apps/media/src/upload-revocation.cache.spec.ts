import { createLogger } from '@im/platform';
import type { NatsBus } from '@im/platform';

import type { MediaConfig } from './media.config';
import { UploadRevocationCache } from './upload-revocation.cache';

// The lookups, events and failures are the shared cache's (libs/platform
// usersig-revocation.cache.spec.ts); here only what the media service configures.
describe(UploadRevocationCache.name, () => {
  it("trusts an uploader's kick time for the app registry's TTL", async () => {
    let lookups = 0;
    const bus = {
      request: () => Promise.resolve({ created: false, revokedBefore: ++lookups }),
      asService: () => ({}),
      subscribe: () => ({ unsubscribe: () => undefined }),
    };
    const config = { appRegistry: { ttlMs: 60_000 } } as MediaConfig;
    const sut = new UploadRevocationCache(
      bus as unknown as NatsBus,
      config,
      createLogger('media', 'test', 'silent'),
    );

    const now = Date.now();
    expect(await sut.revokedBefore(1, 'alice', now)).toBe(1);
    expect(await sut.revokedBefore(1, 'alice', now + 60_000 - 1_000)).toBe(1);
    expect(await sut.revokedBefore(1, 'alice', now + 60_000 + 1_000)).toBe(2);
  });
});
