import type { RedisOptions } from 'ioredis';

import type { RedisConfig } from '../config/platform-config';

/**
 * ioredis options for a service's Redis: one server from `url`, or, with Sentinels, the
 * primary they name (the client asks again after a failover). With Sentinels the URL gives
 * only the password (of the data servers and of the Sentinels alike) and the database.
 */
export function redisConnectionOptions(config: RedisConfig): RedisOptions {
  const url = new URL(config.url);
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const db = Number(url.pathname.replace(/^\//, '') || 0);
  if (!config.sentinels?.length) {
    return {
      host: url.hostname,
      port: Number(url.port || 6379),
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      db,
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    };
  }
  return {
    sentinels: config.sentinels.map((address) => {
      const at = address.lastIndexOf(':');
      return at < 0
        ? { host: address, port: 26379 }
        : { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
    }),
    name: config.sentinelName ?? 'im-primary',
    ...(username ? { username } : {}),
    ...(password ? { password, sentinelPassword: password } : {}),
    db,
  };
}
