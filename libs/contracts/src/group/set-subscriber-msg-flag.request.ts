import { IsIn, IsString } from 'class-validator';

import { IsUserId, NoNul } from '../common';
import { OfficialAccountMsgFlags } from './official-account.limits';
import type { OfficialAccountMsgFlag } from './official-account.limits';

/**
 * A subscriber sets how the account's messages reach them (client
 * `officialaccount.set-msg-flag`): `AcceptAndNotify`, `AcceptNotNotify` (no offline push) or
 * `Discard` (not delivered).
 */
export class SetSubscriberMsgFlagRequest {
  @IsString()
  @NoNul()
  officialAccountId!: string;

  /** The acting user (the gateway fills it in). */
  @IsUserId()
  userId!: string;

  @IsIn(OfficialAccountMsgFlags)
  msgFlag!: OfficialAccountMsgFlag;
}
