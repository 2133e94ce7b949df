import { ErrorCode } from '@im/contracts';

import { claimedMediaLink, mediaUrl, signMediaToken, verifyMediaToken } from './media-link.rules';
import type { MediaLink } from './media-link.rules';

const KEY_A = 'secret-key-of-app-a';
const KEY_B = 'secret-key-of-app-b';
const link: MediaLink = {
  sdkAppId: 1400000001,
  uuid: '0123456789abcdef0123456789abcdef',
  rendition: 'thumbnail',
  expires: 2_000_000_000,
};

describe('media links', () => {
  it('verifies a link signed with its app key before it expires', () => {
    const token = signMediaToken(KEY_A, link);
    expect(verifyMediaToken(token, KEY_A, link.expires)).toEqual({ ok: true, link });
  });

  it('refuses an expired link with MediaLinkExpired', () => {
    const token = signMediaToken(KEY_A, link);
    expect(verifyMediaToken(token, KEY_A, link.expires + 1)).toMatchObject({
      ok: false,
      code: ErrorCode.MediaLinkExpired,
    });
  });

  it('refuses a link checked with another app key with MediaLinkInvalid', () => {
    const token = signMediaToken(KEY_B, link);
    expect(verifyMediaToken(token, KEY_A, 0)).toMatchObject({
      ok: false,
      code: ErrorCode.MediaLinkInvalid,
    });
  });

  it('refuses a link whose claims were altered (other app, later expiry, other rendition)', () => {
    const [, sig] = signMediaToken(KEY_A, link).split('.');
    for (const altered of [
      { ...link, sdkAppId: 1400000002 },
      { ...link, expires: link.expires + 3600 },
      { ...link, rendition: 'original' as const },
    ]) {
      const [payload] = signMediaToken('whatever', altered).split('.');
      expect(verifyMediaToken(`${payload}.${sig}`, KEY_A, 0)).toMatchObject({
        ok: false,
        code: ErrorCode.MediaLinkInvalid,
      });
    }
  });

  it('reads nothing from malformed tokens', () => {
    for (const token of [
      '',
      'abc',
      'a.b.c',
      `${Buffer.from('[1,"x",1,1]').toString('base64url')}.x`,
      'x'.repeat(400),
    ]) {
      expect(claimedMediaLink(token)).toBeUndefined();
      expect(verifyMediaToken(token, KEY_A, 0)).toMatchObject({ code: ErrorCode.MediaLinkInvalid });
    }
  });

  it('builds the download URL under /media/v1/download', () => {
    expect(mediaUrl('http://h:1', KEY_A, link)).toMatch(
      /^http:\/\/h:1\/media\/v1\/download\/[\w-]+\.[\w-]+$/,
    );
  });
});
