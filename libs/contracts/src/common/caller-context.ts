/**
 * Who is asking, as carried in NATS headers:
 * - `admin`: the App admin through the REST API (every right inside its app);
 * - `user`: an end user through the connection gateway;
 * - `service`: another platform service acting for the app;
 * - `operator`: the platform operator (launcher, console back office); not bound to one app.
 */
export type CallerRole = 'admin' | 'user' | 'service' | 'operator';

export const CallerRoles: readonly CallerRole[] = ['admin', 'user', 'service', 'operator'];

export interface CallerContext {
  sdkAppId: number;
  /** The acting identifier: the admin or user ID; the service name for `service`. */
  callerId: string;
  role: CallerRole;
  requestId: string;
  /** The client connection of a user request (conn-gateway), when there is one. */
  connId?: string;
}

/** Caller context of an operator request, which is not bound to an app. */
export interface RequestMeta {
  sdkAppId?: number;
  callerId?: string;
  /** Absent when the request named no role: such a caller may do nothing privileged. */
  role?: CallerRole;
  requestId: string;
}
