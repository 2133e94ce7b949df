import type { MultiLoginPolicy, Platform, PresenceSession } from '@im/contracts';

/** The older sessions a new login on `platform` ends under the app's policy (pure). */
export function sessionsToEnd(
  policy: MultiLoginPolicy,
  platform: Platform,
  existing: readonly PresenceSession[],
  newConnId: string,
): PresenceSession[] {
  const others = existing.filter((s) => s.connId !== newConnId);
  switch (policy) {
    case 'multi':
      return [];
    case 'single':
      return others;
    case 'per-platform':
      return others.filter((s) => s.platform === platform);
  }
}
