import type { AfterCallbackCommand } from './callback-commands';

/**
 * One attempt to deliver an after-callback: what an operator needs to see whether the app's
 * backend answers (never the body, the URL or the token).
 */
export class DeliveryAttemptView {
  id!: number;
  /** The `X-IM-Event-Id` of the callback (the same on every attempt). */
  callbackId!: string;
  command!: AfterCallbackCommand;
  /** 1 for the first attempt. */
  attempt!: number;
  /** `delivered` on a 2xx answer; `failed` otherwise. */
  outcome!: 'delivered' | 'failed';
  /** The HTTP status answered; absent on a timeout or connection error. */
  httpStatus?: number;
  /** What went wrong (`HTTP 500`, `timeout`, `connection failed: ECONNREFUSED`). */
  error?: string;
  latencyMs!: number;
  /** ISO-8601. */
  at!: string;
}

/** A dead letter as the app's admin sees it: no body (message content stays in the database). */
export class AppDeadLetterView {
  id!: number;
  callbackId!: string;
  command!: AfterCallbackCommand;
  attempts!: number;
  lastError!: string;
  /** ISO-8601. */
  queuedAt!: string;
  deadAt!: string;
}

export class ListAppDeliveriesReply {
  items!: DeliveryAttemptView[];
  total!: number;
}

export class ListAppDeadLettersReply {
  items!: AppDeadLetterView[];
  total!: number;
}

export class ReplayAppDeadLetterReply {
  /** The dead letter was queued again (false: it was gone, e.g. replayed meanwhile). */
  replayed!: boolean;
}
