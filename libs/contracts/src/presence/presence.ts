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
