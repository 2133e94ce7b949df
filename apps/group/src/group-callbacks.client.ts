import { Injectable } from '@nestjs/common';

import { ErrorCode } from '@im/contracts';
import type {
  BeforeCallbackReply,
  GroupBeforeApplyJoinGroupBody,
  GroupBeforeCreateGroupBody,
  GroupBeforeCreateTopicBody,
  GroupBeforeInviteJoinGroupBody,
  OfficialAccountBeforeAddSubscriberBody,
} from '@im/contracts';
import { BeforeCallbackClient } from '@im/platform';

import { GroupError } from './group.errors';

/** Builds a before-callback body only when the app enabled the command. */
type Lazy<T> = () => T | Promise<T>;

/** A rejection of the app: its code (10016, or one of its own 10100–10200) and ErrorInfo. */
function throwIfRejected(reply: BeforeCallbackReply): void {
  if (reply.decision !== 'reject') return;
  throw new GroupError(
    reply.code ?? ErrorCode.GroupCallbackRejected,
    reply.info || 'rejected by the app’s callback',
  );
}

/**
 * The group before-callbacks (docs/callbacks.md §2, §4.10, §4.11), asked through callback-dispatcher
 * (`BeforeCallbackClient`: 2 s, fail open, free when the app has not enabled the command).
 * Each throws the app's rejection as a GroupError; otherwise the operation goes on.
 */
@Injectable()
export class GroupCallbacks {
  constructor(private readonly callbacks: BeforeCallbackClient) {}

  /** `Group.CallbackBeforeCreateGroup`: create_group goes on unless the app rejects it. */
  async beforeCreateGroup(sdkAppId: number, body: Lazy<GroupBeforeCreateGroupBody>): Promise<void> {
    throwIfRejected(
      await this.callbacks.check('Group.CallbackBeforeCreateGroup', body, { sdkAppId }),
    );
  }

  /** `Group.CallbackBeforeCreateTopic`: create_topic goes on unless the app rejects it. */
  async beforeCreateTopic(sdkAppId: number, body: Lazy<GroupBeforeCreateTopicBody>): Promise<void> {
    throwIfRejected(
      await this.callbacks.check('Group.CallbackBeforeCreateTopic', body, { sdkAppId }),
    );
  }

  /** `Group.CallbackBeforeApplyJoinGroup`: the normal join flow goes on unless rejected. */
  async beforeApplyJoinGroup(
    sdkAppId: number,
    body: Lazy<GroupBeforeApplyJoinGroupBody>,
  ): Promise<void> {
    throwIfRejected(
      await this.callbacks.check('Group.CallbackBeforeApplyJoinGroup', body, { sdkAppId }),
    );
  }

  /**
   * `OfficialAccount.CallbackBeforeAddSubscriber`: the whole subscription rejected (thrown), or
   * the users the app refused (`RefusedSubscribers_Account`), reported as failed.
   */
  async beforeAddSubscriber(
    sdkAppId: number,
    body: Lazy<OfficialAccountBeforeAddSubscriberBody>,
  ): Promise<Set<string>> {
    const reply = await this.callbacks.check('OfficialAccount.CallbackBeforeAddSubscriber', body, {
      sdkAppId,
    });
    throwIfRejected(reply);
    return new Set(reply.refusedMembers ?? []);
  }

  /**
   * `Group.CallbackBeforeInviteJoinGroup`: the whole invitation rejected (thrown), or the
   * members the app refused (`RefusedMembers_Account`), reported as failed items.
   */
  async beforeInviteJoinGroup(
    sdkAppId: number,
    body: Lazy<GroupBeforeInviteJoinGroupBody>,
  ): Promise<Set<string>> {
    const reply = await this.callbacks.check('Group.CallbackBeforeInviteJoinGroup', body, {
      sdkAppId,
    });
    throwIfRejected(reply);
    return new Set(reply.refusedMembers ?? []);
  }
}
