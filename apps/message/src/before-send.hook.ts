import type { ConversationType, MsgElement } from '@im/contracts';

/** What the before-send callback (`C2C.` / `Group.CallbackBeforeSendMsg`) is asked about. */
export interface BeforeSendContext {
  sdkAppId: number;
  type: ConversationType;
  from: string;
  /** The receiving user or the group ID. */
  to: string;
  body: MsgElement[];
  cloudCustomData?: string;
  random: number;
  /** `RESTAPI` for the App admin, else the client's platform when known. */
  origin: 'RESTAPI' | 'client';
  /** Who asked: the admin identifier for REST, else the sender (`Operator_Account`). */
  operator: string;
  /** The message's time (UNIX seconds), as it is stored when allowed. */
  time: number;
  /** The sender's `MsgSeq` (C2C), when it gave one. */
  clientSeq?: number;
  /** Online-only (`OnlineOnlyFlag` 1): not stored, only pushed to who is online. */
  onlineOnly: boolean;
  /** The group's type name (group messages). */
  groupType?: string;
}

/**
 * The app's decision (docs/callbacks.md §2): deliver (possibly with a new body / CloudCustomData),
 * reject with a code (20006 / 10016 or an app code), or discard silently (the sender sees
 * success).
 */
export type BeforeSendVerdict =
  | { action: 'deliver'; body?: MsgElement[]; cloudCustomData?: string }
  | { action: 'reject'; code: number; message: string }
  | { action: 'discard' };

/**
 * Asked before a message is stored or delivered (token BEFORE_SEND_HOOK); bound to
 * `CallbackBeforeSendHook`, which asks the app's backend through callback-dispatcher.
 */
export interface BeforeSendHook {
  beforeSend(context: BeforeSendContext): Promise<BeforeSendVerdict>;
}
