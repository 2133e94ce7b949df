import { Injectable } from '@nestjs/common';

import type {
  FriendCallbackResult,
  SnsPrevFriendAddBody,
  SnsPrevFriendResponseBody,
} from '@im/contracts';
import { BeforeCallbackClient } from '@im/platform';

/** Builds a before-callback body only when the app enabled the command. */
type Lazy<T> = () => T | Promise<T>;

/**
 * The friend before-callbacks (docs/callbacks.md §2, §4.3, §4.4), asked through callback-dispatcher
 * (`BeforeCallbackClient`: 2 s, fail open, free when the app has not enabled the command).
 * The app decides per friend (`ResultItem`): a non-zero `ResultCode` refuses that friend with
 * the app's code (its range is 38000–39000) and `ResultInfo`.
 */
@Injectable()
export class RelationCallbacks {
  constructor(private readonly callbacks: BeforeCallbackClient) {}

  /** `Sns.CallbackPrevFriendAdd`: the friends the app refused, by user ID. */
  async prevFriendAdd(
    sdkAppId: number,
    body: Lazy<SnsPrevFriendAddBody>,
  ): Promise<Map<string, FriendCallbackResult>> {
    const reply = await this.callbacks.check('Sns.CallbackPrevFriendAdd', body, { sdkAppId });
    return refusals(reply.friendResults);
  }

  /** `Sns.CallbackPrevFriendResponse`: the friends the app refused, by user ID. */
  async prevFriendResponse(
    sdkAppId: number,
    body: Lazy<SnsPrevFriendResponseBody>,
  ): Promise<Map<string, FriendCallbackResult>> {
    const reply = await this.callbacks.check('Sns.CallbackPrevFriendResponse', body, { sdkAppId });
    return refusals(reply.friendResults);
  }
}

function refusals(results: FriendCallbackResult[] | undefined): Map<string, FriendCallbackResult> {
  return new Map((results ?? []).filter((r) => r.code !== 0).map((r) => [r.toAccount, r]));
}
