import type { AddType } from './relation.enums';

/** A pending request as its two parties see it (the requester's remark stays private). */
export class FriendRequestInfo {
  fromUserId!: string;
  toUserId!: string;
  addType!: AddType;
  addSource!: string;
  addWording!: string;
  /** Epoch seconds. */
  createdAt!: number;
  expiresAt!: number;
}
