import type { DeliveryMember } from './delivery-member';

export class DeliveryMembersReply {
  roomDelivery!: boolean;
  /** False for a Private group before its first message: only the owner sees it (GRP-40). */
  isActive!: boolean;
  members!: DeliveryMember[];
  /** Pass as `after` for the next page; null = done. */
  next!: string | null;
}
