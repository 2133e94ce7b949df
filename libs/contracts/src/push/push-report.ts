import type { PushTaskStatus } from './push.limits';

/**
 * The report of one push task (PSH-9, AMB-46). `total` is the number of users the push
 * targeted (counted when it starts, exact once done); every targeted user is either delivered
 * online or stored for later (MsgLifeTime > 0) or neither (online-only push to an offline
 * user): `finished = onlineDelivered + stored + skippedOffline`.
 */
export interface PushReport {
  taskId: string;
  status: PushTaskStatus;
  /** UNIX seconds the push started; absent while pending. */
  startTime?: number;
  /** UNIX seconds the push finished; absent until done. */
  finishTime?: number;
  total: number;
  /** Targeted users handled so far. */
  finished: number;
  /** Users with an online session that were sent the push through their gateway. */
  onlineDelivered: number;
  /** Offline users the push was stored for (MsgLifeTime > 0). */
  stored: number;
  /** Stored users who came online within MsgLifeTime and got it then. */
  storedDelivered: number;
  /** Device notifications a provider (APNs, FCM, webhook) accepted. */
  offlinePushed: number;
  /** Device notifications a provider refused or that could not be sent. */
  offlinePushFailed: number;
}

export class GetPushReportsReply {
  reports!: PushReport[];
}
