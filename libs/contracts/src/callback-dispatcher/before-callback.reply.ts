import type { CallbackMsgElement } from './before-callback-bodies';

/**
 * What the owning service must do:
 * - `allow`: go on (also when the callback is off, timed out or failed: fail open);
 * - `reject`: stop and answer the client `code` (and `info` as the error message);
 * - `rewrite`: go on with `rewrite.MsgBody` / `rewrite.CloudCustomData` in place of the
 *   original (send-message commands only); the after-callback carries the rewritten message;
 * - `discard`: (send-message commands, ErrorCode 2, unconfirmed in Tencent's docs) store and
 *   deliver nothing, fire no after-callback, but answer the sender as if it was sent.
 */
export const BeforeCallbackDecisions = ['allow', 'reject', 'rewrite', 'discard'] as const;
export type BeforeCallbackDecision = (typeof BeforeCallbackDecisions)[number];

/** Why a before-callback let the event through without an answer of the app (fail open). */
export const BeforeCallbackFailures = [
  'timeout',
  'connect-failed',
  'http-status',
  'invalid-reply',
  'overloaded',
  'unavailable',
] as const;
export type BeforeCallbackFailure = (typeof BeforeCallbackFailures)[number];

/** Replacement of a message's body and custom data (only with ErrorCode 0). */
export class MessageRewrite {
  MsgBody?: CallbackMsgElement[];
  CloudCustomData?: string;
}

/** One item of `ResultItem` of a friend before-callback: `code` 0 allows, anything else refuses. */
export class FriendCallbackResult {
  toAccount!: string;
  /** The `ResultCode` the client sees for this friend (app codes should be 38000–39000). */
  code!: number;
  info!: string;
}

export class BeforeCallbackReply {
  decision!: BeforeCallbackDecision;

  /** With `reject`: the client-facing code (20006 / 10016 or the app's code from its range). */
  code?: number;

  /** With `reject`: the app's `ErrorInfo`, passed to the client. */
  info?: string;

  /** With `rewrite`: what replaces the message's fields (absent fields stay). */
  rewrite?: MessageRewrite;

  /** `Group.CallbackBeforeInviteJoinGroup`: members the app refused (report them as failed). */
  refusedMembers?: string[];

  /** `Sns.CallbackPrevFriendAdd/Response`: the app's per-friend decisions (absent = allowed). */
  friendResults?: FriendCallbackResult[];

  /** Set when the decision is `allow` only because the callback failed (fail open). */
  failedOpen?: BeforeCallbackFailure;
}
