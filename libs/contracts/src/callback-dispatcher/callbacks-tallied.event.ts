import { IsInt, Matches, Min } from 'class-validator';

import { EventEnvelope } from '../common';

/**
 * Callbacks an instance sent to an app backend during one UTC day since its previous tally
 * (statistics `CallBackReq` / `CallBackRsp`): `sent` HTTP requests, `answered` those the backend
 * answered with HTTP 200, whatever the body said. Published every few seconds per app with
 * callback traffic, not per callback.
 */
export class CallbacksTalliedEvent extends EventEnvelope {
  /** The UTC day the callbacks were sent, `YYYYMMDD`. */
  @Matches(/^\d{8}$/)
  day!: string;

  @IsInt()
  @Min(0)
  sent!: number;

  @IsInt()
  @Min(0)
  answered!: number;
}
