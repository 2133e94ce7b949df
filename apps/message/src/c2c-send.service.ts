import { randomInt } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { ConversationIds, ErrorCode, isPrivileged, isValidUserId } from '@im/contracts';
import type {
  CallerContext,
  ImportC2cRequest,
  RecipientError,
  SendC2cBatchReply,
  SendC2cBatchRequest,
  SendC2cRequest,
  SendMessageReply,
  SendOptions,
} from '@im/contracts';
import { AccountsClient, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { RecordedSessions } from './dedupe.guard';
import type { ReadSessions } from './delivery.service';
import { DirtyWordsService } from './dirty-words.service';
import { FanoutService } from './fanout.service';
import type { C2cAudience } from './fanout.service';
import { MessageError } from './message.errors';
import {
  assertBody,
  assertPrivileged,
  c2cHiddenFrom,
  c2cOwners,
  friendshipRefusal,
  importedC2cOwners,
  senderExtra,
} from './message.rules';
import type { C2cVisibility } from './message.rules';
import { MessageSettingsReader } from './message-settings.reader';
import type { ResolvedMessageSettings } from './message-settings.reader';
import { MessageWriter } from './message-writer.db';
import { MsgKeys } from './msg-key.model';
import { NoSpeakingClient } from './no-speaking.client';
import { baseMessage, discarded, onlineOnlyMessage, replyOf } from './outgoing-message.model';
import type { MessageContent } from './outgoing-message.model';
import { ProfileClient } from './profile.client';
import { RelationClient } from './relation.client';
import { SendSteps } from './send-steps.service';
import { SeqAllocator } from './seq-allocator.store';
import {
  ConvTypes,
  expiryOf,
  MessageFlags,
  nowSeconds,
  toChatMessage,
} from './stored-message.model';
import type { MessageExtra, StoredMessage } from './stored-message.model';

/** A C2C message that passed the checks and the before-send callback, ready to store. */
export interface C2cDraft extends MessageContent, C2cVisibility {
  /** The sender's options: random, MsgSeq, SendMsgControl, offline-push info, online-only. */
  options: SendOptions;
  /** MsgLifeTime: 0 = online only, absent = kept. */
  lifeTimeSeconds?: number;
  extra: MessageExtra;
  /** ForbidAfterSendMsgCallback, or a batch send (no after-callback per copy). */
  skipAfterCallback: boolean;
}

/**
 * C2C sends and imports (MSG-11 … MSG-17, docs/rest-api.md §4): checks, the before-send hook, a
 * seq from the allocator, de-duplication by (sender, random), storage through the batching
 * writer, then delivery and events after the commit.
 */
@Injectable()
export class C2cSendService {
  constructor(
    private readonly accounts: AccountsClient,
    private readonly profiles: ProfileClient,
    private readonly relations: RelationClient,
    private readonly settings: MessageSettingsReader,
    private readonly dirtyWords: DirtyWordsService,
    private readonly seqs: SeqAllocator,
    private readonly writer: MessageWriter,
    private readonly fanout: FanoutService,
    private readonly steps: SendSteps,
    private readonly noSpeaking: NoSpeakingClient,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async sendC2c(caller: CallerContext, req: SendC2cRequest): Promise<SendMessageReply> {
    const { sdkAppId } = caller;
    const privileged = isPrivileged(caller);
    if (!privileged && req.from !== undefined && req.from !== caller.callerId)
      throw MessageError.invalid('C2C', 'a user sends as itself');
    const from = privileged ? (req.from ?? caller.callerId) : caller.callerId;
    const to = req.to;
    assertBody('C2C', req.body, req.cloudCustomData, req.offlinePush);
    const [settings, existing, senderInfo] = await Promise.all([
      this.settings.settingsOf(sdkAppId),
      this.accounts.existing(sdkAppId, privileged && req.from !== undefined ? [to, from] : [to]),
      this.profiles.senderInfo(sdkAppId, from),
      this.noSpeaking.assertMaySend(sdkAppId, from, 'C2C'),
    ]);
    if (!existing.has(to))
      throw new MessageError(ErrorCode.ToAccountNotImported, `To_Account ${to} is not imported`);
    if (privileged && req.from !== undefined && !existing.has(from))
      throw new MessageError(ErrorCode.FromAccountInvalid, `From_Account ${from} is not imported`);
    const visibleToReceiver =
      privileged || from === to || (await this.receiverAccepts(sdkAppId, from, to, settings));
    const body = await this.dirtyWords.filterBody(sdkAppId, req.body, settings.sensitiveWordAction);
    const time = privileged && req.msgTime ? req.msgTime : nowSeconds();
    const content = await this.steps.beforeSend(
      {
        sdkAppId,
        type: 'C2C',
        from,
        to,
        body,
        cloudCustomData: req.cloudCustomData,
        random: req.random,
        origin: privileged ? 'RESTAPI' : 'client',
        operator: caller.callerId,
        time,
        clientSeq: req.clientSeq,
        onlineOnly: !!req.onlineOnly || req.lifeTimeSeconds === 0,
      },
      req.forbidCallback,
    );
    if (!content) return discarded(ConversationIds.c2c(from, to), req, time);
    return this.storeC2c(caller, {
      from,
      to,
      ...content,
      time,
      options: req,
      lifeTimeSeconds: req.lifeTimeSeconds,
      syncToSender: req.syncOtherMachine !== 2,
      visibleToReceiver,
      extra: { ...senderExtra(senderInfo), ...(req.needReadReceipt && { needReadReceipt: true }) },
      skipAfterCallback: req.forbidCallback?.includes('ForbidAfterSendMsgCallback') ?? false,
    });
  }

  /** batchsendmsg: each recipient its own conversation; per-recipient errors (70107). */
  async sendC2cBatch(caller: CallerContext, req: SendC2cBatchRequest): Promise<SendC2cBatchReply> {
    assertPrivileged('C2C', caller);
    const { sdkAppId } = caller;
    const from = req.from ?? caller.callerId;
    assertBody('C2C', req.body, req.cloudCustomData, req.offlinePush);
    const recipients = [...new Set(req.to)];
    const [settings, existing, senderInfo] = await Promise.all([
      this.settings.settingsOf(sdkAppId),
      this.accounts.existing(sdkAppId, req.from !== undefined ? [...recipients, from] : recipients),
      this.profiles.senderInfo(sdkAppId, from),
      this.noSpeaking.assertMaySend(sdkAppId, from, 'C2C'),
    ]);
    if (req.from !== undefined && !existing.has(from))
      throw new MessageError(ErrorCode.FromAccountInvalid, `From_Account ${from} is not imported`);
    const body = await this.dirtyWords.filterBody(sdkAppId, req.body, settings.sensitiveWordAction);
    const time = nowSeconds();
    // One MsgKey for every copy (docs/rest-api.md §4.2): the caller's MsgSeq or a random one.
    const clientSeq = req.clientSeq ?? randomInt(1, 0xffffffff);
    const errors: RecipientError[] = [];
    await Promise.all(
      recipients.map(async (to) => {
        if (!isValidUserId(to) || !existing.has(to)) {
          errors.push({ userId: to, code: ErrorCode.AccountNotImported });
          return;
        }
        try {
          await this.storeC2c(caller, {
            from,
            to,
            body,
            cloudCustomData: req.cloudCustomData,
            time,
            options: { ...req, clientSeq },
            lifeTimeSeconds: req.lifeTimeSeconds,
            syncToSender: req.syncOtherMachine !== 2,
            visibleToReceiver: true,
            extra: senderExtra(senderInfo),
            skipAfterCallback: true,
          });
        } catch (err) {
          const code = err instanceof MessageError ? err.code : ErrorCode.OpenimInternalError;
          this.logger.warn({ err: (err as Error).message, to }, 'batch recipient failed');
          errors.push({ userId: to, code });
        }
      }),
    );
    return {
      time,
      msgKey: MsgKeys.c2c({ clientSeq, random: req.random, time }),
      errors: recipients.flatMap((to) => errors.filter((e) => e.userId === to)),
    };
  }

  /** importmsg: a historical C2C message, de-duplicated by (MsgSeq, MsgRandom, MsgTimeStamp). */
  async importC2c(caller: CallerContext, req: ImportC2cRequest): Promise<void> {
    assertPrivileged('C2C', caller);
    const { sdkAppId } = caller;
    assertBody('C2C', req.body, req.cloudCustomData);
    const existing = await this.accounts.existing(sdkAppId, [req.from, req.to]);
    if (!existing.has(req.from))
      throw new MessageError(
        ErrorCode.FromAccountInvalid,
        `From_Account ${req.from} is not imported`,
      );
    if (!existing.has(req.to))
      throw new MessageError(
        ErrorCode.ToAccountNotImported,
        `To_Account ${req.to} is not imported`,
      );
    const convId = ConversationIds.c2c(req.from, req.to);
    const clientSeq = req.clientSeq ?? 0;
    const dedupeKey = `import:${clientSeq}:${req.random}:${req.msgTime}`;
    const realtime = req.mode !== 2;
    await this.steps.once(
      sdkAppId,
      convId,
      dedupeKey,
      async (claimedSeq) => {
        const seq = claimedSeq ?? (await this.seqs.allocate(sdkAppId, convId));
        const message: StoredMessage = {
          ...baseMessage(sdkAppId, convId, ConvTypes.C2C, seq),
          fromId: req.from,
          toId: req.to,
          msgTime: req.msgTime,
          random: req.random,
          clientSeq,
          dedupeKey,
          body: req.body,
          cloudCustomData: req.cloudCustomData ?? null,
          flags: MessageFlags.imported | (realtime ? 0 : MessageFlags.notCounted),
        };
        const c2c = importedC2cOwners(req.from, req.to, realtime);
        const { duplicateOf } = await this.writer.write({ message, c2c });
        const reply = replyOf(duplicateOf ?? message, false);
        if (duplicateOf || !realtime) return { reply };
        const audience = { toReceiver: true, toSender: true, offlinePush: false };
        return { reply, after: () => this.deliver(sdkAppId, message, audience, true) };
      },
      true,
    );
  }

  /**
   * Blacklist (20007, AMB-33) and the app's friendship rule (20009 / 20010 / 20011) refuse
   * the send; whether the receiver takes C2C from other users (AMB-24: not with MsgSettings
   * bit 0, the message is then kept from it).
   */
  private async receiverAccepts(
    sdkAppId: number,
    from: string,
    to: string,
    settings: ResolvedMessageSettings,
  ): Promise<boolean> {
    if (settings.c2cBlacklistCheck && (await this.relations.hasBlocked(sdkAppId, to, from)))
      throw new MessageError(
        ErrorCode.C2cSenderBlacklisted,
        "the sender is in the receiver's blacklist",
      );
    const rule = settings.c2cFriendCheck;
    if (rule !== 'none') {
      const [receiverHasSender, senderHasReceiver] = await Promise.all([
        rule === 'sender-has-receiver' ? true : this.relations.hasFriend(sdkAppId, to, from),
        rule === 'receiver-has-sender' ? true : this.relations.hasFriend(sdkAppId, from, to),
      ]);
      const refusal = friendshipRefusal(rule, { receiverHasSender, senderHasReceiver });
      if (refusal) throw new MessageError(refusal.code, refusal.message);
    }
    return !(await this.profiles.refusesC2c(sdkAppId, to));
  }

  private async storeC2c(caller: CallerContext, draft: C2cDraft): Promise<SendMessageReply> {
    const { sdkAppId } = caller;
    const { options } = draft;
    const convId = ConversationIds.c2c(draft.from, draft.to);
    const audience: C2cAudience = {
      toReceiver: draft.visibleToReceiver,
      toSender: draft.syncToSender,
      senderConnId: caller.connId,
      offlinePush: options.offlinePush?.PushFlag !== 1,
    };
    if (options.onlineOnly || draft.lifeTimeSeconds === 0)
      return this.pushOnlineOnly(sdkAppId, convId, draft, audience);
    const dedupeKey = `${draft.from}:${options.random}`;
    return this.steps.once(
      sdkAppId,
      convId,
      dedupeKey,
      async (claimedSeq) => {
        const seq = claimedSeq ?? (await this.seqs.allocate(sdkAppId, convId));
        const noUnread = options.sendControl?.includes('NoUnread') ?? false;
        const movesLast = !(options.sendControl?.includes('NoLastMsg') ?? false);
        const message: StoredMessage = {
          ...baseMessage(sdkAppId, convId, ConvTypes.C2C, seq),
          fromId: draft.from,
          toId: draft.to,
          msgTime: draft.time,
          random: options.random,
          clientSeq: options.clientSeq ?? seq,
          dedupeKey,
          body: draft.body,
          cloudCustomData: draft.cloudCustomData ?? null,
          extra: Object.keys(draft.extra).length ? draft.extra : null,
          flags: noUnread ? MessageFlags.notCounted : 0,
          hiddenFrom: c2cHiddenFrom(draft),
          expiresAt: expiryOf(draft.time, draft.lifeTimeSeconds),
        };
        const owners = c2cOwners(draft, { noUnread, movesLast });
        const result = owners.length ? await this.writer.write({ message, c2c: owners }) : {};
        const reply = replyOf(result.duplicateOf ?? message, !!result.duplicateOf);
        if (result.duplicateOf || !owners.length) return { reply };
        const presence = this.fanout.c2cPresenceToRead(sdkAppId, draft.from, draft.to, audience);
        const after = (read?: RecordedSessions) =>
          this.deliver(
            sdkAppId,
            message,
            audience,
            draft.skipAfterCallback,
            options.offlinePush,
            read && { sessions: read, mark: presence.mark },
          );
        return { reply, after, presenceOf: presence.users };
      },
      true,
    );
  }

  /** OnlineOnlyFlag 1 or MsgLifeTime 0: pushed to who is online, not stored, no offline push. */
  private pushOnlineOnly(
    sdkAppId: number,
    convId: string,
    draft: C2cDraft,
    audience: C2cAudience,
  ): SendMessageReply {
    const { random, clientSeq } = draft.options;
    const msgKey = MsgKeys.c2c({ clientSeq: clientSeq ?? 0, random, time: draft.time });
    const chat = onlineOnlyMessage(convId, 'C2C', draft, random, msgKey);
    this.fanout.c2c(sdkAppId, chat, { ...audience, offlinePush: false });
    return { convId, seq: 0, time: draft.time, msgKey, isDuplicate: false };
  }

  /** A stored message's pushes and `message.evt.sent` (`recorded`: sessions read just now). */
  private deliver(
    sdkAppId: number,
    message: StoredMessage,
    audience: C2cAudience,
    skipAfterCallback: boolean,
    offlinePushInfo?: object,
    recorded?: ReadSessions,
  ): void {
    const chat = toChatMessage(message);
    this.fanout.c2c(sdkAppId, chat, audience, offlinePushInfo, recorded);
    this.fanout.sent(sdkAppId, chat, skipAfterCallback);
  }
}
