import { IsInt, Min } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/**
 * A user's global mute changed (`account.evt.no-speaking-changed`): the new end times (epoch s,
 * 0 = none, `NoSpeaking.foreverUntil` = permanent). The messaging service's cache of mutes
 * takes them as they are.
 */
export class NoSpeakingChangedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsInt()
  @Min(0)
  c2cMuteUntil!: number;

  @IsInt()
  @Min(0)
  groupMuteUntil!: number;
}
