import type { Push, PushCommand, PushData, PushDataMap } from './push-data-map';

/** Who an item pushes to. */
interface DeliveryAddress {
  sdkAppId: number;
  userId: string;
  /** Only these sessions of the user; every session of the user on the node when absent. */
  connIds?: string[];
  /** Skip this session (the sender's own device, for sync to the other devices). */
  exceptConnId?: string;
}

/** What a service asks a gateway node to push to sessions (on `conn.deliver.<nodeId>`). */
export type DeliveryItem = {
  [C in PushCommand]: DeliveryAddress & {
    cmd: C;
    /** The push's data; absent when `ref` names a shared payload instead. */
    data?: PushDataMap[C];
    /**
     * Index into the batch's `payloads`: data many items share (a group message to all its
     * members on a node) travels once and the gateway serializes the frame once.
     */
    ref?: number;
  };
}[PushCommand];

export interface DeliveryBatch {
  items: DeliveryItem[];
  /** Data shared by several items (`ref`). */
  payloads?: PushData[];
}

/** The data an item pushes: its own, or the shared payload it refers to. */
export function deliveryDataOf(batch: DeliveryBatch, item: DeliveryItem): PushData | undefined {
  return item.ref !== undefined ? batch.payloads?.[item.ref] : item.data;
}

/** A batch's items with their data in place (shared payloads resolved). */
export function resolvedDeliveryItems(batch: DeliveryBatch): DeliveryItem[] {
  return batch.items.map((item) => {
    if (item.ref === undefined) return item;
    const { ref: _ref, ...rest } = item;
    return { ...rest, data: deliveryDataOf(batch, item) } as DeliveryItem;
  });
}

/** A push to every session in a room (on `conn.room.<sdkAppId>.<groupId>`). */
export type RoomDelivery = Push;
