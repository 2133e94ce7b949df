/** What a service asks a gateway node to push to sessions (on `conn.deliver.<nodeId>`). */
export interface DeliveryItem {
  sdkAppId: number;
  userId: string;
  /** Only these sessions of the user; every session of the user on the node when absent. */
  connIds?: string[];
  /** Skip this session (the sender's own device, for sync to the other devices). */
  exceptConnId?: string;
  cmd: string;
  data: unknown;
}

export interface DeliveryBatch {
  items: DeliveryItem[];
}

/** A push to every session in a room (on `conn.room.<sdkAppId>.<groupId>`). */
export interface RoomDelivery {
  cmd: string;
  data: unknown;
}
