import type { AfterCallbackCommand } from './callback-commands';

/** An after-callback that was given up after its last attempt, kept for an operator. */
export class DeadLetterView {
  id!: number;
  sdkAppId!: number;
  /** The `X-IM-Event-Id` the callback was sent with (kept on replay). */
  callbackId!: string;
  /** The platform event it reports. */
  sourceEventId!: string;
  command!: AfterCallbackCommand;
  /** The request body as it was (and will be) sent. */
  body!: Record<string, unknown>;
  attempts!: number;
  /** What went wrong the last time (HTTP status, timeout, connection error). */
  lastError!: string;
  /** ISO-8601: when the callback was first queued, and when it was given up. */
  queuedAt!: string;
  deadAt!: string;
}
