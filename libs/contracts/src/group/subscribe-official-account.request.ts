import { IsString } from 'class-validator';

import { IsUserId, NoNul } from '../common';

/** A user subscribes to / unsubscribes from an official account (client `officialaccount.*`). */
export class SubscribeOfficialAccountRequest {
  @IsString()
  @NoNul()
  officialAccountId!: string;

  /** The acting user (the gateway fills it in). */
  @IsUserId()
  userId!: string;
}
