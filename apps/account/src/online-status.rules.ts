import type {
  DepartedSession,
  OnlineStatus,
  PlatformStatus,
  PresenceSession,
  UserOnlineStatus,
} from '@im/contracts';

/**
 * The departures that make a user PushOnline on their platform: the platform has no session
 * Online any more, and the user has an offline-push device token registered for that platform
 * (or registered without saying its platform). `devicePlatforms`: one entry per device token.
 */
export function pushReachable(
  sessions: readonly PresenceSession[],
  departed: readonly DepartedSession[],
  devicePlatforms: readonly (string | null)[],
): DepartedSession[] {
  const online = new Set(sessions.filter((s) => s.status === 'Online').map((s) => s.platform));
  return departed.filter(
    (d) => !online.has(d.platform) && devicePlatforms.some((p) => p === null || p === d.platform),
  );
}

/**
 * Online if any device is online, else PushOnline if any is reachable by push (a session
 * recorded so, or a departure `pushReachable` kept), else Offline.
 */
export function summarise(
  userId: string,
  sessions: PresenceSession[],
  withDetail: boolean,
  reachable: readonly DepartedSession[] = [],
): UserOnlineStatus {
  const status: OnlineStatus = sessions.some((s) => s.status === 'Online')
    ? 'Online'
    : sessions.some((s) => s.status === 'PushOnline') || reachable.length > 0
      ? 'PushOnline'
      : 'Offline';
  const result: UserOnlineStatus = { userId, status };
  if (withDetail) {
    const entries = [
      ...sessions.map((s) => ({ platform: s.platform, status: s.status, since: s.since })),
      ...reachable.map((d) => ({
        platform: d.platform,
        status: 'PushOnline' as const,
        since: d.since,
      })),
    ];
    result.detail = entries
      .sort((a, b) => a.since - b.since)
      .map((s): PlatformStatus => ({ platform: s.platform, status: s.status }));
  }
  return result;
}
