import { IsIn, IsOptional, IsString } from 'class-validator';

import { IsUserId } from '../common';
import { FriendRequestResponses } from './relation.enums';
import type { FriendRequestResponse } from './relation.enums';

/** The target (`userId`) accepts the pending request of `fromUserId` (REL-13, round two). */
export class AcceptFriendRequestRequest {
  @IsUserId()
  userId!: string;

  @IsUserId()
  fromUserId!: string;

  /** Default: what the request asked for. */
  @IsOptional()
  @IsIn(FriendRequestResponses)
  response?: FriendRequestResponse;

  /** The acceptor's remark and list for the requester (when added back). */
  @IsOptional()
  @IsString()
  remark?: string;

  @IsOptional()
  @IsString()
  groupName?: string;
}
