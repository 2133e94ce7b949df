import { IsIn, IsInt, IsString } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';
import { AddTypes } from './relation.enums';
import type { AddType } from './relation.enums';

/** A two-round add left a pending request for `toUserId` (REL-13 round one, REL-44). */
export class FriendRequestCreatedEvent extends EventEnvelope {
  @IsUserId()
  fromUserId!: string;

  @IsUserId()
  toUserId!: string;

  @IsIn(AddTypes)
  addType!: AddType;

  @IsString()
  addSource!: string;

  @IsString()
  addWording!: string;

  /** Epoch seconds. */
  @IsInt()
  expiresAt!: number;
}
