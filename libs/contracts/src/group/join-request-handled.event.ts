import { IsBoolean, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/** An application was approved or rejected (`group.evt.join-request-handled`); tell the applicant. */
export class JoinRequestHandledEvent extends GroupEvent {
  @IsString()
  applicantId!: string;

  @IsBoolean()
  approved!: boolean;

  @IsString()
  reason!: string;
}
