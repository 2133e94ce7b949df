import { IsString } from 'class-validator';

import { IsUserId } from '../common';

/** A user subscribes to / unsubscribes from an official account (client `officialaccount.*`). */
export class SubscribeOfficialAccountRequest {
  @IsString()
  officialAccountId!: string;

  /** The acting user (the gateway fills it in). */
  @IsUserId()
  userId!: string;
}
