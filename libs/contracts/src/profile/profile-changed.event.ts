import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/**
 * A user's profile changed. `standardChanged`: a "push on update" field changed, so the
 * user's friends and own devices are told (PRF-16, AMB-25; relation fans it out to friends).
 * The new values are not carried: read them with `profile.rpc.get` (the outbox keeps events as
 * jsonb, which cannot hold the U+0000 that Location and bytes fields may contain).
 */
export class ProfileChangedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;

  @IsArray()
  @IsString({ each: true })
  changedTags!: string[];

  @IsBoolean()
  standardChanged!: boolean;

  /**
   * Who made the change (portrait_set's caller: the App admin identifier, the user, or the
   * calling service); absent when an account import changed the profile.
   */
  @IsOptional()
  @IsString()
  operatorId?: string;
}
