import { Inject, Injectable } from '@nestjs/common';

import type { MsgElement, SendMessageReply, SendOptions } from '@im/contracts';
import type { AppUser } from '@im/platform';

import type { BeforeSendContext, BeforeSendHook } from './before-send.hook';
import { DedupeGuard } from './dedupe.guard';
import type { RecordedSessions } from './dedupe.guard';
import { MessageError } from './message.errors';
import { BEFORE_SEND_HOOK } from './message.tokens';

/** The body and CloudCustomData a message goes on with after the before-send callback. */
export interface AllowedContent {
  body: MsgElement[];
  cloudCustomData?: string;
}

/** What storing a message gave: the sender's answer, and what follows once it is settled. */
export interface StoreOutcome {
  reply: SendMessageReply;
  /**
   * Users whose recorded sessions `after` needs: read with the answer in one Redis round
   * trip, and handed to `after` (undefined when not read).
   */
  presenceOf?: readonly AppUser[];
  /** Delivery and events, run only after the answer is remembered. */
  after?: (sessions?: RecordedSessions) => void | Promise<void>;
}

/** The steps C2C and group sends share: the before-send callback and the once-only store. */
@Injectable()
export class SendSteps {
  constructor(
    private readonly dedupe: DedupeGuard,
    @Inject(BEFORE_SEND_HOOK) private readonly hook: BeforeSendHook,
  ) {}

  /**
   * Asks the app's before-send callback unless the sender forbade it: the content to send
   * (possibly changed), undefined when the app discards the message; a refusal throws.
   */
  async beforeSend(
    context: BeforeSendContext,
    forbidCallback: SendOptions['forbidCallback'],
  ): Promise<AllowedContent | undefined> {
    const { body, cloudCustomData } = context;
    if (forbidCallback?.includes('ForbidBeforeSendMsgCallback')) return { body, cloudCustomData };
    const verdict = await this.hook.beforeSend(context);
    if (verdict.action === 'reject') throw new MessageError(verdict.code, verdict.message);
    if (verdict.action === 'discard') return undefined;
    return {
      body: verdict.body ?? body,
      cloudCustomData: verdict.cloudCustomData ?? cloudCustomData,
    };
  }

  /**
   * Stores a send once per (conversation, dedupe key) (ADR 0004): a repeat gets the first
   * send's answer; a failed store frees the key for a retry. With `takeSeq`, the claim also
   * takes the conversation's next seq in its Redis round trip and hands it to `store`
   * (undefined when it could not: `store` allocates it then).
   */
  async once(
    sdkAppId: number,
    convId: string,
    dedupeKey: string,
    store: (claimedSeq?: number) => Promise<StoreOutcome>,
    takeSeq = false,
  ): Promise<SendMessageReply> {
    const claim = await this.dedupe.claim(sdkAppId, convId, dedupeKey, takeSeq);
    if (!claim.first) return claim.reply;
    try {
      const { reply, after, presenceOf } = await store(claim.seq);
      const sessions = await this.dedupe.settle(sdkAppId, convId, dedupeKey, reply, presenceOf);
      await after?.(sessions);
      return reply;
    } catch (err) {
      await this.dedupe.release(sdkAppId, convId, dedupeKey).catch(() => undefined);
      throw err;
    }
  }
}
