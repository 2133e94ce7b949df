import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/**
 * Users subscribed to / unsubscribed from an official account
 * (`group.evt.official-account-subscribed` / `-unsubscribed`), or were subscribers of one that
 * was destroyed (`-destroyed`, at most 1000 per event); `groupId` is the account's ID.
 */
export class OfficialAccountSubscriptionEvent extends GroupEvent {
  @IsArray()
  @IsString({ each: true })
  userIds!: string[];

  /** `-subscribed` only: these subscriptions filled the account (`MaxSubscriberNum` reached). */
  @IsOptional()
  @IsBoolean()
  full?: boolean;

  /**
   * `-destroyed` only, on the first event of a destruction (sent even with no subscribers): the
   * owner and name of the account (`OfficialAccount.CallbackAfterOfficialAccountDestroyed`).
   */
  @IsOptional()
  @IsString()
  ownerAccount?: string;

  @IsOptional()
  @IsString()
  name?: string;
}
