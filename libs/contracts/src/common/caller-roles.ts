import type { CallerContext } from './caller-context';

/**
 * Whether a caller has the App admin's rights inside its app: the App admin (REST), another
 * platform service and the operator do; an end user (conn-gateway) does not. The one role
 * check of the platform; each service refuses with its own code.
 */
export function isPrivileged(caller: Pick<CallerContext, 'role'>): boolean {
  return caller.role !== 'user';
}

/** Whether a caller may act for `userId`: a privileged caller for any user, a user for itself. */
export function actsFor(caller: Pick<CallerContext, 'role' | 'callerId'>, userId: string): boolean {
  return isPrivileged(caller) || caller.callerId === userId;
}
