import { IsBoolean, IsIn, IsString } from 'class-validator';

import { EventEnvelope } from '../common';
import { MemberChangeNotifications } from './group.enums';
import type { MemberChangeNotification } from './group.enums';

/**
 * What every group fact carries besides the envelope: the group, its type, who acted and how
 * the messaging service should tell the members (`notification`: T17 of the type, `none` when
 * the caller asked for silence or the Private group is not active yet).
 */
export abstract class GroupEvent extends EventEnvelope {
  @IsString()
  groupId!: string;

  @IsString()
  groupType!: string;

  /** The acting user, or the admin identifier when `byAppAdmin`. */
  @IsString()
  operatorId!: string;

  @IsBoolean()
  byAppAdmin!: boolean;

  @IsIn(MemberChangeNotifications)
  notification!: MemberChangeNotification;
}
