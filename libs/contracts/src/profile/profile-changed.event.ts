import { IsArray, IsBoolean, IsString } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/**
 * A user's profile changed. `standardChanged`: a "push on update" field changed, so the
 * user's friends and own devices are told (PRF-16, AMB-25; relation fans it out to friends).
 */
export class ProfileChangedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsArray()
  @IsString({ each: true })
  changedTags!: string[];

  @IsBoolean()
  standardChanged!: boolean;
}
