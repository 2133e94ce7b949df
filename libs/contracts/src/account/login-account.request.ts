import { IsBoolean } from 'class-validator';

import { IsUserId } from '../common';

/** A gateway asks whether a user may log in (role `service`). */
export class LoginAccountRequest {
  @IsUserId()
  userId!: string;

  /** Create the account when it was never imported (the app's `autoCreateAccountOnLogin`). */
  @IsBoolean()
  createIfMissing!: boolean;
}
