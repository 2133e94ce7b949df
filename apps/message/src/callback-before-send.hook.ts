import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, isOfficialAccountId } from '@im/contracts';
import type {
  BeforeCallbackReply,
  C2cBeforeSendMsgBody,
  GroupBeforeSendMsgBody,
  MsgElement,
  OfficialAccountBeforeSendMsgBody,
} from '@im/contracts';
import { BeforeCallbackClient, PLATFORM_LOGGER } from '@im/platform';
import type { BeforeCallbackCheckOptions, PlatformLogger } from '@im/platform';

import type { BeforeSendContext, BeforeSendHook, BeforeSendVerdict } from './before-send.hook';
import { checkBody } from './msg-body.rules';
import { MsgKeys } from './msg-key.model';

/**
 * `C2C.CallbackBeforeSendMsg` body (docs/callbacks.md §4.7). The conversation seq is taken only once
 * the app allowed the message (seqs are gap-free), so `MsgSeq` is the sender's own `MsgSeq`
 * when it gave one, else 0, and `MsgKey` is built from it.
 */
export function c2cBeforeSendBody(c: BeforeSendContext): C2cBeforeSendMsgBody {
  const MsgSeq = c.clientSeq ?? 0;
  return {
    From_Account: c.from,
    To_Account: c.to,
    MsgSeq,
    MsgRandom: c.random,
    MsgTime: c.time,
    MsgKey: MsgKeys.c2c({ clientSeq: MsgSeq, random: c.random, time: c.time }),
    OnlineOnlyFlag: c.onlineOnly ? 1 : 0,
    MsgBody: c.body,
    CloudCustomData: c.cloudCustomData ?? '',
  };
}

/** `Group.CallbackBeforeSendMsg` body (docs/callbacks.md §4.12): `Random`, no seq yet. */
export function groupBeforeSendBody(c: BeforeSendContext): GroupBeforeSendMsgBody {
  return {
    GroupId: c.to,
    Type: c.groupType ?? '',
    From_Account: c.from,
    Operator_Account: c.operator,
    Random: c.random,
    OnlineOnlyFlag: c.onlineOnly ? 1 : 0,
    MsgBody: c.body,
    CloudCustomData: c.cloudCustomData ?? '',
  };
}

/**
 * `OfficialAccount.CallbackBeforeSendMsg` body (docs/callbacks.md §4.16, Tencent's page
 * 1047/60803): the account and the message, nothing of a group.
 */
export function officialAccountBeforeSendBody(
  c: BeforeSendContext,
): OfficialAccountBeforeSendMsgBody {
  return {
    Official_Account: c.to,
    OnlineOnlyFlag: c.onlineOnly ? 1 : 0,
    MsgBody: c.body,
    CloudCustomData: c.cloudCustomData ?? '',
  };
}

/**
 * What the message service does with the dispatcher's decision (docs/callbacks.md §2, §5.3):
 * reject with the code it chose (20006 / 10016 or the app's own), discard, or deliver — with
 * the app's `MsgBody` / `CloudCustomData` in place of the sender's. A replacement body that
 * breaks the message rules (layout, 12 KB) is not stored: the original goes out, logged.
 */
export function verdictOf(
  c: BeforeSendContext,
  reply: BeforeCallbackReply,
  logger?: PlatformLogger,
): BeforeSendVerdict {
  switch (reply.decision) {
    case 'allow':
      return { action: 'deliver' };
    case 'discard':
      return { action: 'discard' };
    case 'reject':
      return {
        action: 'reject',
        code:
          reply.code ??
          (c.type === 'C2C' ? ErrorCode.C2cCallbackRejected : ErrorCode.GroupCallbackRejected),
        message: reply.info || 'the message was rejected by the app’s callback',
      };
    case 'rewrite': {
      const body = (reply.rewrite?.MsgBody as MsgElement[] | undefined) ?? c.body;
      const cloudCustomData = reply.rewrite?.CloudCustomData ?? c.cloudCustomData;
      const problem = checkBody(body, cloudCustomData);
      if (problem) {
        logger?.warn(
          { sdkAppId: c.sdkAppId, type: c.type, problem: problem.message },
          'before-send callback rewrite ignored: it breaks the message rules',
        );
        return { action: 'deliver' };
      }
      return {
        action: 'deliver',
        ...(reply.rewrite?.MsgBody && { body }),
        ...(reply.rewrite?.CloudCustomData !== undefined && { cloudCustomData }),
      };
    }
  }
}

/**
 * Asks the app's backend before a message is stored (`C2C.` / `Group.CallbackBeforeSendMsg`,
 * `OfficialAccount.CallbackBeforeSendMsg` for an official account's broadcast)
 * through `callback-dispatcher.rpc.before`: 2 s, fail open, nothing at all when the app has
 * not enabled the command (the body is not even built).
 */
@Injectable()
export class CallbackBeforeSendHook implements BeforeSendHook {
  constructor(
    private readonly callbacks: BeforeCallbackClient,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async beforeSend(c: BeforeSendContext): Promise<BeforeSendVerdict> {
    const options: BeforeCallbackCheckOptions = {
      sdkAppId: c.sdkAppId,
      ...(c.origin === 'RESTAPI' && { platform: 'RESTAPI' }),
    };
    // an official account's broadcast is not a group message to the app (ADR 0005): its own
    // callback, no Group.CallbackBeforeSendMsg
    const reply =
      c.type !== 'C2C' && isOfficialAccountId(c.to)
        ? await this.callbacks.check(
            'OfficialAccount.CallbackBeforeSendMsg',
            () => officialAccountBeforeSendBody(c),
            options,
          )
        : c.type === 'C2C'
          ? await this.callbacks.check(
              'C2C.CallbackBeforeSendMsg',
              () => c2cBeforeSendBody(c),
              options,
            )
          : await this.callbacks.check(
              'Group.CallbackBeforeSendMsg',
              () => groupBeforeSendBody(c),
              options,
            );
    return verdictOf(c, reply, this.logger);
  }
}
