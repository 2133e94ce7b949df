import { Injectable } from '@nestjs/common';

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
}

/**
 * The app's decision (callbacks.md §2): deliver (possibly with a new body / CloudCustomData),
 * reject with a code (20006 / 10016 or an app code), or discard silently (the sender sees
 * success).
 */
export type BeforeSendVerdict =
  | { action: 'deliver'; body?: MsgElement[]; cloudCustomData?: string }
  | { action: 'reject'; code: number; message: string }
  | { action: 'discard' };

/** The hook point the callback issue fills (token BEFORE_SEND_HOOK). */
export interface BeforeSendHook {
  beforeSend(context: BeforeSendContext): Promise<BeforeSendVerdict>;
}

/** Until callbacks exist: every message is delivered as sent. */
@Injectable()
export class NoBeforeSendHook implements BeforeSendHook {
  beforeSend(): Promise<BeforeSendVerdict> {
    return Promise.resolve({ action: 'deliver' });
  }
}
