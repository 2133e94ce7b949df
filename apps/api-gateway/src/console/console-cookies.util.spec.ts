import { cookie, parseCookies } from './console-cookies.util';

describe('console cookies', () => {
  it('parses a Cookie header, keeping the first of a repeated name', () => {
    const cookies = parseCookies('a=1; im_console_session=abc; junk; a=2');

    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('im_console_session')).toBe('abc');
    expect(cookies.size).toBe(2);
  });

  it('scopes the session cookie to /console, HttpOnly and SameSite=Strict', () => {
    expect(cookie('s', 'v', { httpOnly: true, secure: false, maxAgeSeconds: 60 })).toBe(
      's=v; Path=/console; Max-Age=60; SameSite=Strict; HttpOnly',
    );
    expect(cookie('c', 'v', { httpOnly: false, secure: true, maxAgeSeconds: 0 })).toBe(
      'c=v; Path=/console; Max-Age=0; SameSite=Strict; Secure',
    );
  });
});
