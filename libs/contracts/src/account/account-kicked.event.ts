import { IsInt, Min } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/** A user was kicked: gateways drop the user's sessions; older UserSigs stop working. */
export class AccountKickedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsInt()
  @Min(0)
  revokedBefore!: number;
}
