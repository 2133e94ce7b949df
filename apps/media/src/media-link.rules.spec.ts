import { ErrorCode } from '@im/contracts';

import {
  claimedMediaLink,
  mediaBaseOfUrl,
  mediaTokenOfUrl,
  mediaUrl,
  signMediaToken,
  verifyMediaToken,
} from './media-link.rules';
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

  it('keeps the reads-forbidden mark of a get_cos_sig link under the signature', () => {
    const privileged = { ...link, readsForbidden: true };
    const token = signMediaToken(KEY_A, privileged);
    expect(verifyMediaToken(token, KEY_A, 0)).toEqual({ ok: true, link: privileged });
    const [, sig] = token.split('.');
    const unmarked = signMediaToken(KEY_A, link).split('.')[0];
    const forgedPayload = Buffer.from(
      JSON.stringify([link.sdkAppId, link.uuid, 3, link.expires, 1]),
    ).toString('base64url');
    expect(verifyMediaToken(`${unmarked}.${sig}`, KEY_A, 0)).toMatchObject({ ok: false });
    const [, plainSig] = signMediaToken(KEY_A, link).split('.');
    expect(verifyMediaToken(`${forgedPayload}.${plainSig}`, KEY_A, 0)).toMatchObject({
      ok: false,
      code: ErrorCode.MediaLinkInvalid,
    });
  });

  it('takes a fifth claim only as the reads-forbidden mark 1', () => {
    const payload = Buffer.from(
      JSON.stringify([link.sdkAppId, link.uuid, 3, link.expires, 2]),
    ).toString('base64url');
    expect(claimedMediaLink(`${payload}.x`)).toBeUndefined();
  });

  it('verifies an expired link for the admin commands only when asked to ignore expiry', () => {
    const token = signMediaToken(KEY_A, link);
    expect(verifyMediaToken(token, KEY_A, link.expires + 1, { ignoreExpiry: true })).toEqual({
      ok: true,
      link,
    });
  });

  it('finds the token and the base of a download URL, and nothing in other URLs', () => {
    const url = mediaUrl('https://media.example.com/im', KEY_A, link);
    expect(mediaTokenOfUrl(url)).toBe(signMediaToken(KEY_A, link));
    expect(mediaBaseOfUrl(url)).toBe('https://media.example.com/im');
    expect(mediaTokenOfUrl('not a url')).toBeUndefined();
    expect(mediaTokenOfUrl('https://cos.example.com/abc/def.png')).toBeUndefined();
    expect(mediaTokenOfUrl('https://x.example.com/media/v1/download/')).toBeUndefined();
  });
});
