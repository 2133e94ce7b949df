/** The console's cookies: the session (HttpOnly) and its CSRF token (read by the page). */
export const SessionCookie = 'im_console_session';
export const CsrfCookie = 'im_console_csrf';
export const CsrfHeader = 'x-csrf-token';

/** `name=value` pairs of a Cookie header; malformed pairs are skipped. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/**
 * A Set-Cookie value scoped to `/console`, SameSite=Strict (no cross-site request carries it),
 * Secure when the page came over HTTPS; `maxAgeSeconds` 0 deletes it.
 */
export function cookie(
  name: string,
  value: string,
  opts: { httpOnly: boolean; secure: boolean; maxAgeSeconds: number },
): string {
  return [
    `${name}=${value}`,
    'Path=/console',
    `Max-Age=${opts.maxAgeSeconds}`,
    'SameSite=Strict',
    ...(opts.httpOnly ? ['HttpOnly'] : []),
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}
