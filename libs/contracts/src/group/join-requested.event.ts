import { IsArray, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/** A user applied to a NeedPermission group (`group.evt.join-requested`); tell the approvers. */
export class JoinRequestedEvent extends GroupEvent {
  @IsString()
  applicantId!: string;

  @IsString()
  message!: string;

  /** The owner and admins, who may decide. */
  @IsArray()
  @IsString({ each: true })
  approverIds!: string[];
}
