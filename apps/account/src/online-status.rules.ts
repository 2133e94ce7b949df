import type {
  OnlineStatus,
  PlatformStatus,
  PresenceSession,
  UserOnlineStatus,
} from '@im/contracts';

/** Online if any device is online, else PushOnline if any is reachable by push, else Offline. */
export function summarise(
  userId: string,
  sessions: PresenceSession[],
  withDetail: boolean,
): UserOnlineStatus {
  const status: OnlineStatus = sessions.some((s) => s.status === 'Online')
    ? 'Online'
    : sessions.some((s) => s.status === 'PushOnline')
      ? 'PushOnline'
      : 'Offline';
  const result: UserOnlineStatus = { userId, status };
  if (withDetail) {
    result.detail = sessions
      .sort((a, b) => a.since - b.since)
      .map((s): PlatformStatus => ({ platform: s.platform, status: s.status }));
  }
  return result;
}
