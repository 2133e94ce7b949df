import { PushCapablePlatforms } from '@im/contracts';
import type { Platform, SessionCloseReason } from '@im/contracts';

/**
 * A session that ended without the user leaving (the socket closed, the heartbeat stopped,
 * the gateway shut down) may still be reached by offline push; a logout or a kick may not.
 */
export function mayStillBePushed(reason: SessionCloseReason): boolean {
  switch (reason) {
    case 'link-closed':
    case 'timeout':
    case 'shutdown':
      return true;
    case 'logout':
    case 'kicked':
      return false;
  }
}

/** Only mobile platforms are reachable by offline push (Tencent: PushOnline is mobile only). */
export function isPushCapable(platform: Platform | undefined): boolean {
  return platform !== undefined && PushCapablePlatforms.includes(platform);
}
