import { IsOptional, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/**
 * The owner changed (`group.evt.owner-changed`): transfer, the owner quitting a Private group
 * or the owner's account deleted (new owner null), or the App admin assigning one.
 */
export class OwnerChangedEvent extends GroupEvent {
  @IsOptional()
  @IsString()
  previousOwnerId!: string | null;

  @IsOptional()
  @IsString()
  newOwnerId!: string | null;
}
