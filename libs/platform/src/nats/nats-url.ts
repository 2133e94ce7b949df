/** What nats.js `connect` needs of the configured server URLs. */
export interface NatsConnectionOptions {
  /** The URLs without credentials (nats.js does not read userinfo). */
  servers: string[];
  user?: string;
  pass?: string;
  /**
   * `_INBOX_<user>`: replies to this client arrive under it, and the NATS user's permissions
   * let only that user subscribe there, so no other service reads its replies.
   */
  inboxPrefix?: string;
}

/** The inbox prefix of a NATS user (deploy/nats/auth.conf and the launcher allow it). */
export function natsInboxPrefix(user: string): string {
  return `_INBOX_${user.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * Splits `nats://user:password@host:port` URLs into servers and credentials (the first URL
 * that carries a user gives them; all servers of a cluster share the users).
 */
export function natsConnectionOptions(urls: readonly string[]): NatsConnectionOptions {
  let user: string | undefined;
  let pass: string | undefined;
  const servers = urls.map((raw) => {
    if (!raw.includes('@')) return raw;
    const url = new URL(raw.includes('://') ? raw : `nats://${raw}`);
    if (url.username && user === undefined) {
      user = decodeURIComponent(url.username);
      pass = decodeURIComponent(url.password);
    }
    url.username = '';
    url.password = '';
    return url.toString();
  });
  if (user === undefined) return { servers };
  return { servers, user, pass, inboxPrefix: natsInboxPrefix(user) };
}
