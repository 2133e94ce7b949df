/**
 * Directed delivery to gateways (STYLE.md): each gateway process listens on its own node
 * subject, and on the room subjects of the live rooms and broadcast groups its sessions joined.
 */
export const ConnSubjects = {
  deliver: (nodeId: string): `conn.deliver.${string}` => `conn.deliver.${nodeId}`,
  room: (sdkAppId: number, groupId: string): `conn.room.${string}` =>
    `conn.room.${sdkAppId}.${groupId}`,
} as const;

/** Facts the connection gateway publishes (JetStream stream `CONN_EVENTS`). */
export const ConnEvt = {
  SessionOpened: 'conn.evt.session-opened',
  SessionClosed: 'conn.evt.session-closed',
} as const;
