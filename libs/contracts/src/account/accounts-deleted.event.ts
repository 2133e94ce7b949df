import { IsArray } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/** Accounts that were deleted; owners of per-user data clean up on it. */
export class AccountsDeletedEvent extends EventEnvelope {
  @IsArray()
  @IsUserId({ each: true })
  userIds!: string[];
}
