/** Online states of docs/rest-api.md §2.7. */
export const OnlineStatuses = ['Online', 'PushOnline', 'Offline'] as const;
export type OnlineStatus = (typeof OnlineStatuses)[number];

/** Client platforms of docs/rest-api.md §2.7. */
export const Platforms = ['iPhone', 'Android', 'Web', 'PC', 'iPad', 'Mac'] as const;
export type Platform = (typeof Platforms)[number];

/**
 * One session as the connection gateway records it in Redis (written by conn-gateway, read by
 * account for `query_online_status` and by delivery). A session whose `expiresAt` has passed is
 * gone (its node died without cleaning up).
 */
export interface PresenceSession {
  connId: string;
  nodeId: string;
  platform: Platform;
  status: Exclude<OnlineStatus, 'Offline'>;
  /** Epoch milliseconds. */
  since: number;
  /** Epoch milliseconds; the gateway pushes it forward on every heartbeat. */
  expiresAt: number;
}

/**
 * Platforms that can be reachable by offline push after their connection ended (Tencent:
 * "the PushOnline status exists only on mobile clients").
 */
export const PushCapablePlatforms: readonly Platform[] = ['iPhone', 'Android', 'iPad'];

/**
 * How long a mobile session that ended without a logout or a kick stays reachable by offline
 * push (PushOnline, when the user has a device token): 7 days, the longest an offline message
 * waits for its push (`PushLimits.maxLifeTimeSeconds`).
 */
export const PUSH_ONLINE_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * A session that ended without a logout or a kick (the app went to the background, the
 * network dropped, the gateway restarted), recorded by conn-gateway per user and platform
 * (`PresenceCacheKeys.departed`): the platform may still be reachable by offline push.
 */
export interface DepartedSession {
  platform: Platform;
  /** Epoch milliseconds the session ended. */
  since: number;
  /** Epoch milliseconds; `since` + `PUSH_ONLINE_TTL_MS`. */
  expiresAt: number;
}
