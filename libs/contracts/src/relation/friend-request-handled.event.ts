import { IsIn } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';
import { FriendRequestActions } from './relation.enums';
import type { FriendRequestAction } from './relation.enums';

/** A pending request ended: accepted, rejected (the requester is told; AMB-29), deleted, expired. */
export class FriendRequestHandledEvent extends EventEnvelope {
  @IsUserId()
  fromUserId!: string;

  @IsUserId()
  toUserId!: string;

  @IsIn(FriendRequestActions)
  action!: FriendRequestAction;
}
