import { isPrivileged } from '@im/contracts';
import type { CallerContext } from '@im/contracts';

/**
 * Who acts on a group. An end user (client protocol) always acts as themself. The App admin
 * (REST) holds every owner right (GRP-10) unless it names a user to act as (`operatorId`,
 * REST `From_Account`); platform services and the operator count as the App admin.
 */
export interface Actor {
  isAppAdmin: boolean;
  /** The acting user; null for the App admin. */
  userId: string | null;
  /** Who is named in events: the user, or the admin identifier. */
  operatorId: string;
}

export function actorOf(caller: CallerContext, operatorId?: string): Actor {
  if (!isPrivileged(caller))
    return { isAppAdmin: false, userId: caller.callerId, operatorId: caller.callerId };
  if (operatorId) return { isAppAdmin: false, userId: operatorId, operatorId };
  return { isAppAdmin: true, userId: null, operatorId: caller.callerId };
}
