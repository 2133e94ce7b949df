import { IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/**
 * An official account was created (`group.evt.official-account-created`; `groupId` is its ID).
 * No client is told (`notification` is `none`); the callback dispatcher reports it.
 */
export class OfficialAccountCreatedEvent extends GroupEvent {
  @IsString()
  ownerAccount!: string;

  @IsString()
  name!: string;
}
