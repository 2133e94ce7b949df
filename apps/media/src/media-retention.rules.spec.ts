import type { AppSettings, CustomGroupTypeDeclaration } from '@im/contracts';

import { mediaQuotaBytes, mediaRetentionDays } from './media-retention.rules';

const groupType = (roamingDays?: number) => ({ roamingDays }) as CustomGroupTypeDeclaration;

describe(mediaRetentionDays.name, () => {
  it('keeps media 7 days for an app without settings', () => {
    expect(mediaRetentionDays(undefined)).toBe(7);
    expect(mediaRetentionDays({})).toBe(7);
  });

  it('follows the roaming window the app chose, shorter or longer', () => {
    expect(mediaRetentionDays({ message: { roamingDays: 1 } })).toBe(1);
    expect(mediaRetentionDays({ message: { roamingDays: 30 } })).toBe(30);
  });

  it('keeps media as long as the longest custom group type roams when the app chose no window', () => {
    const settings: AppSettings = { customGroupTypes: [groupType(0), groupType(15), groupType()] };
    expect(mediaRetentionDays(settings)).toBe(15);
    expect(mediaRetentionDays({ ...settings, message: { roamingDays: 3 } })).toBe(3);
  });
});

describe(mediaQuotaBytes.name, () => {
  it("takes the app's own quota, else the service's default", () => {
    expect(mediaQuotaBytes({ mediaQuotaBytes: 5 }, 100)).toBe(5);
    expect(mediaQuotaBytes({ mediaQuotaBytes: 0 }, 100)).toBe(0);
    expect(mediaQuotaBytes({}, 100)).toBe(100);
    expect(mediaQuotaBytes(undefined, 100)).toBe(100);
  });
});
