import {
  archiveFileName,
  archiveUrl,
  claimedApp,
  formatExpireTime,
  signArchiveToken,
  verifyArchiveToken,
} from './archive-link.rules';
import type { ArchiveLink } from './archive-link.rules';

const link: ArchiveLink = {
  sdkAppId: 1400000001,
  chatType: 'C2C',
  hour: Date.UTC(2026, 11, 7, 7) / 1000,
  part: 2,
  generation: 1_765_000_000_000,
  expires: 2_000_000_000,
};
const KEY = 'secret-of-app-1';

describe(verifyArchiveToken.name, () => {
  it('accepts a token signed with the app key until it expires', () => {
    const token = signArchiveToken(KEY, link);
    expect(verifyArchiveToken(token, KEY, link.expires)).toEqual({ link });
    expect(verifyArchiveToken(token, KEY, link.expires + 1)).toEqual({ refused: 'expired' });
  });

  it('refuses a token signed with another app key (another tenant, or a rotated key)', () => {
    const token = signArchiveToken('secret-of-app-2', link);
    expect(verifyArchiveToken(token, KEY, 0)).toEqual({ refused: 'forged' });
  });

  it('refuses an altered payload: another app, file or a later expiry', () => {
    const [, sig] = signArchiveToken(KEY, link).split('.');
    for (const change of [{ sdkAppId: 1400000002 }, { part: 0 }, { expires: link.expires + 9 }]) {
      const [payload] = signArchiveToken(KEY, { ...link, ...change }).split('.');
      expect(verifyArchiveToken(`${payload}.${sig}`, KEY, 0)).toEqual({ refused: 'forged' });
    }
  });

  it.each(['', 'abc', 'a.b.c', `${Buffer.from('[1,2]').toString('base64url')}.x`, 'x'.repeat(600)])(
    'refuses a malformed token %#',
    (token) => expect(verifyArchiveToken(token, KEY, 0)).toEqual({ refused: 'malformed' }),
  );

  it('tells the app a token claims before its signature is checked', () => {
    expect(claimedApp(signArchiveToken('any', link))?.sdkAppId).toBe(link.sdkAppId);
    const bad = Buffer.from(JSON.stringify([1, 'Room', 0, 0, 0, 0])).toString('base64url');
    expect(claimedApp(`${bad}.sig`)).toBeUndefined();
  });
});

describe('archive links', () => {
  it('name the file and carry the token; expiry reads as Tencent writes it (UTC)', () => {
    expect(archiveFileName(link)).toBe('C2C-2026120707-2.gz');
    const url = new URL(archiveUrl('http://127.0.0.1:8080', KEY, link));
    expect(url.pathname).toBe('/archive/C2C-2026120707-2.gz');
    expect(verifyArchiveToken(url.searchParams.get('token')!, KEY, 0)).toEqual({ link });
    expect(formatExpireTime(Date.UTC(2015, 11, 2, 16, 45, 23) / 1000)).toBe('2015-12-02 16:45:23');
  });
});
