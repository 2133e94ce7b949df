import { randomInt } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { ConversationIds, ErrorCode, isValidUserId } from '@im/contracts';
import type {
  CallerContext,
  ChatMessage,
  ConversationType,
  GroupTypeCapabilities,
  ImportC2cRequest,
  ImportGroupMessagesReply,
  ImportGroupMessagesRequest,
  MsgElement,
  RecipientError,
  SendC2cBatchReply,
  SendC2cBatchRequest,
  SendC2cRequest,
  SendContextReply,
  SendGroupRequest,
  SendMessageReply,
  SendOptions,
} from '@im/contracts';
import { PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { AccountDirectory } from './account.directory';
import type { BeforeSendHook } from './before-send.hook';
import { DedupeGuard } from './dedupe.guard';
import { DirtyWordsService } from './dirty-words.service';
import { FanoutService } from './fanout.service';
import { GroupDirectory } from './group.directory';
import { MessageError } from './message.errors';
import { MessageSettingsReader } from './message-settings.reader';
import type { ResolvedMessageSettings } from './message-settings.reader';
import { BEFORE_SEND_HOOK } from './message.tokens';
import { MessageWriter } from './message.writer';
import { checkBody } from './msg-body.rules';
import { MsgKeys } from './msg-key';
import { ProfileDirectory } from './profile.directory';
import { RelationDirectory } from './relation.directory';
import { RoomBuffer } from './room.buffer';
import { SeqAllocator } from './seq.allocator';
import {
  ConvTypes,
  expiryOf,
  extraFields,
  MessageFlags,
  nowSeconds,
  toChatMessage,
} from './stored-message';
import type { MessageExtra, StoredMessage } from './stored-message';

/** Whether a caller acts with the App admin's rights (REST, other services). */
export function isPrivileged(caller: CallerContext): boolean {
  return caller.role !== 'user';
}

/** The group message rules of a send context: the code to refuse with, or 0. */
export function groupRefusal(
  context: SendContextReply,
  caller: CallerContext,
  senderId: string | undefined,
): { code: number; message: string } | undefined {
  const caps = context.capabilities;
  if (!isPrivileged(caller)) {
    if (context.refusalCode !== 0) return { code: context.refusalCode, message: context.refusal };
    // MSG-14, T18: in an inactive group the first accepted message is the owner's.
    if (caps.needsActivation && !context.isActive && senderId !== context.ownerId)
      return {
        code: ErrorCode.GroupPermissionDenied,
        message: 'the group is not active yet: its owner sends first',
      };
    return undefined;
  }
  // The App admin may name any sender; only a mute of that sender still applies.
  if (senderId && context.refusalCode === ErrorCode.GroupSenderMuted)
    return { code: context.refusalCode, message: context.refusal };
  return undefined;
}

/** Days of history a group keeps: none when its type does not roam (T24), else the app's. */
export function groupRoamingDays(
  caps: GroupTypeCapabilities,
  settings: ResolvedMessageSettings,
): number {
  if (caps.roamingDays <= 0) return 0;
  return settings.roamingDaysSet ? settings.roamingDays : caps.roamingDays;
}

/**
 * The sender's NameCard when the group service tells it (MSG-10; SendContextMember has no
 * `nameCard` yet, see README).
 */
function nameCardOf(sender: SendContextReply['sender']): MessageExtra {
  const card = (sender as { nameCard?: unknown } | null)?.nameCard;
  return typeof card === 'string' && card !== '' ? { senderNameCard: card } : {};
}

/**
 * Sends and imports (MSG-11 … MSG-17, rest-api.md §4, §7.14, §7.19): checks, the before-send
 * hook, a seq from the allocator, de-duplication by (sender, random), storage through the
 * batching writer, then delivery and events after the commit.
 */
@Injectable()
export class MessageService {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly profiles: ProfileDirectory,
    private readonly relations: RelationDirectory,
    private readonly groups: GroupDirectory,
    private readonly settings: MessageSettingsReader,
    private readonly dirtyWords: DirtyWordsService,
    private readonly seqs: SeqAllocator,
    private readonly dedupe: DedupeGuard,
    private readonly writer: MessageWriter,
    private readonly rooms: RoomBuffer,
    private readonly fanout: FanoutService,
    @Inject(BEFORE_SEND_HOOK) private readonly hook: BeforeSendHook,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  // -------------------------------------------------------------------------------------------
  // C2C

  async sendC2c(caller: CallerContext, req: SendC2cRequest): Promise<SendMessageReply> {
    const { sdkAppId } = caller;
    const privileged = isPrivileged(caller);
    if (!privileged && req.from !== undefined && req.from !== caller.callerId)
      throw MessageError.invalid('C2C', 'a user sends as itself');
    const from = privileged ? (req.from ?? caller.callerId) : caller.callerId;
    const to = req.to;
    assertBody('C2C', req.body, req.cloudCustomData);
    const [settings, existing, senderInfo] = await Promise.all([
      this.settings.settingsOf(sdkAppId),
      this.accounts.existing(sdkAppId, privileged && req.from !== undefined ? [to, from] : [to]),
      this.profiles.senderInfo(sdkAppId, from),
    ]);
    if (!existing.has(to))
      throw new MessageError(ErrorCode.ToAccountNotImported, `To_Account ${to} is not imported`);
    if (privileged && req.from !== undefined && !existing.has(from))
      throw new MessageError(ErrorCode.FromAccountInvalid, `From_Account ${from} is not imported`);
    let receiverRefuses = false;
    if (!privileged && from !== to) {
      await this.checkPeerRules(sdkAppId, from, to, settings);
      // AMB-24: C2C from other users is not delivered to a receiver with MsgSettings bit 0.
      receiverRefuses = await this.profiles.refusesC2c(sdkAppId, to);
    }
    let body = await this.dirtyWords.filterBody(sdkAppId, req.body, settings.sensitiveWordAction);
    let cloudCustomData = req.cloudCustomData;
    const time = privileged && req.msgTime ? req.msgTime : nowSeconds();
    if (!req.forbidCallback?.includes('ForbidBeforeSendMsgCallback')) {
      const verdict = await this.hook.beforeSend({
        sdkAppId,
        type: 'C2C',
        from,
        to,
        body,
        cloudCustomData,
        random: req.random,
        origin: privileged ? 'RESTAPI' : 'client',
        operator: caller.callerId,
        time,
        clientSeq: req.clientSeq,
        onlineOnly: !!req.onlineOnly || req.lifeTimeSeconds === 0,
      });
      if (verdict.action === 'reject') throw new MessageError(verdict.code, verdict.message);
      if (verdict.action === 'discard') return discarded(ConversationIds.c2c(from, to), req, time);
      body = verdict.body ?? body;
      cloudCustomData = verdict.cloudCustomData ?? cloudCustomData;
    }
    const syncToSender = req.syncOtherMachine !== 2;
    const visibleToReceiver = !receiverRefuses;
    return this.storeC2c(caller, {
      from,
      to,
      body,
      cloudCustomData,
      time,
      options: req,
      lifeTimeSeconds: req.lifeTimeSeconds,
      syncToSender,
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
    assertBody('C2C', req.body, req.cloudCustomData);
    const recipients = [...new Set(req.to)];
    const [settings, existing, senderInfo] = await Promise.all([
      this.settings.settingsOf(sdkAppId),
      this.accounts.existing(sdkAppId, req.from !== undefined ? [...recipients, from] : recipients),
      this.profiles.senderInfo(sdkAppId, from),
    ]);
    if (req.from !== undefined && !existing.has(from))
      throw new MessageError(ErrorCode.FromAccountInvalid, `From_Account ${from} is not imported`);
    const body = await this.dirtyWords.filterBody(sdkAppId, req.body, settings.sensitiveWordAction);
    const time = nowSeconds();
    // One MsgKey for every copy (rest-api.md §4.2): the caller's MsgSeq or a random one.
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
    const claim = await this.dedupe.claim(sdkAppId, convId, dedupeKey);
    if (!claim.first) return;
    const realtime = req.mode !== 2;
    try {
      const seq = await this.seqs.allocate(sdkAppId, convId);
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
      const result = await this.writer.write({
        message,
        c2c: [
          { userId: req.from, peer: req.to, countsUnread: false, isSender: false, movesLast: true },
          ...(req.from === req.to
            ? []
            : [
                {
                  userId: req.to,
                  peer: req.from,
                  countsUnread: realtime,
                  isSender: false,
                  movesLast: true,
                },
              ]),
        ],
      });
      const stored = result.duplicateOf ?? message;
      await this.dedupe.settle(sdkAppId, convId, dedupeKey, replyOf(stored, false));
      if (result.duplicateOf || !realtime) return;
      const chat = toChatMessage(message);
      this.fanout.c2c(sdkAppId, chat, { toReceiver: true, toSender: true, offlinePush: false });
      this.fanout.sent(sdkAppId, chat, true);
    } catch (err) {
      await this.dedupe.release(sdkAppId, convId, dedupeKey).catch(() => undefined);
      throw err;
    }
  }

  /** Blacklist (20007, AMB-33) and the app's friendship rule (20009 / 20010 / 20011). */
  private async checkPeerRules(
    sdkAppId: number,
    from: string,
    to: string,
    settings: ResolvedMessageSettings,
  ): Promise<void> {
    if (settings.c2cBlacklistCheck && (await this.relations.hasBlocked(sdkAppId, to, from)))
      throw new MessageError(
        ErrorCode.C2cSenderBlacklisted,
        "the sender is in the receiver's blacklist",
      );
    const rule = settings.c2cFriendCheck;
    if (rule === 'none') return;
    const [receiverHasSender, senderHasReceiver] = await Promise.all([
      rule === 'sender-has-receiver' ? true : this.relations.hasFriend(sdkAppId, to, from),
      rule === 'receiver-has-sender' ? true : this.relations.hasFriend(sdkAppId, from, to),
    ]);
    if (rule === 'both' && (!receiverHasSender || !senderHasReceiver))
      throw new MessageError(ErrorCode.C2cNotFriends, 'the two users are not friends');
    if (!receiverHasSender)
      throw new MessageError(
        ErrorCode.C2cSenderNotFriendOfReceiver,
        'the receiver has not added the sender',
      );
    if (!senderHasReceiver)
      throw new MessageError(
        ErrorCode.C2cReceiverNotFriendOfSender,
        'the sender has not added the receiver',
      );
  }

  private async storeC2c(
    caller: CallerContext,
    s: {
      from: string;
      to: string;
      body: MsgElement[];
      cloudCustomData?: string;
      time: number;
      options: SendOptions;
      lifeTimeSeconds?: number;
      syncToSender: boolean;
      visibleToReceiver: boolean;
      extra: MessageExtra;
      skipAfterCallback: boolean;
    },
  ): Promise<SendMessageReply> {
    const { sdkAppId } = caller;
    const convId = ConversationIds.c2c(s.from, s.to);
    const o = s.options;
    const self = s.from === s.to;
    const hiddenFrom = !s.visibleToReceiver ? s.to : !s.syncToSender && !self ? s.from : null;
    const offlinePush = o.offlinePush?.PushFlag !== 1;
    const audience = {
      toReceiver: s.visibleToReceiver,
      toSender: s.syncToSender,
      senderConnId: caller.connId,
      offlinePush,
    };
    if (o.onlineOnly || s.lifeTimeSeconds === 0) {
      const chat = onlineOnlyMessage(
        convId,
        'C2C',
        s,
        o,
        MsgKeys.c2c({ clientSeq: o.clientSeq ?? 0, random: o.random, time: s.time }),
      );
      this.fanout.c2c(sdkAppId, chat, { ...audience, offlinePush: false });
      return { convId, seq: 0, time: s.time, msgKey: chat.msgKey, isDuplicate: false };
    }
    const dedupeKey = `${s.from}:${o.random}`;
    const claim = await this.dedupe.claim(sdkAppId, convId, dedupeKey);
    if (!claim.first) return claim.reply;
    try {
      const seq = await this.seqs.allocate(sdkAppId, convId);
      const noUnread = o.sendControl?.includes('NoUnread') ?? false;
      const movesLast = !(o.sendControl?.includes('NoLastMsg') ?? false);
      const message: StoredMessage = {
        ...baseMessage(sdkAppId, convId, ConvTypes.C2C, seq),
        fromId: s.from,
        toId: s.to,
        msgTime: s.time,
        random: o.random,
        clientSeq: o.clientSeq ?? seq,
        dedupeKey,
        body: s.body,
        cloudCustomData: s.cloudCustomData ?? null,
        extra: Object.keys(s.extra).length ? s.extra : null,
        flags: noUnread ? MessageFlags.notCounted : 0,
        hiddenFrom,
        expiresAt: expiryOf(s.time, s.lifeTimeSeconds),
      };
      const owners = [];
      if (hiddenFrom !== s.from)
        owners.push({ userId: s.from, peer: s.to, countsUnread: false, isSender: true, movesLast });
      if (!self && hiddenFrom !== s.to)
        owners.push({
          userId: s.to,
          peer: s.from,
          countsUnread: !noUnread,
          isSender: false,
          movesLast,
        });
      const result = owners.length ? await this.writer.write({ message, c2c: owners }) : {};
      const stored = result.duplicateOf ?? message;
      const reply = replyOf(stored, !!result.duplicateOf);
      await this.dedupe.settle(sdkAppId, convId, dedupeKey, reply);
      if (!result.duplicateOf && owners.length) {
        const chat = toChatMessage(message);
        this.fanout.c2c(sdkAppId, chat, audience, o.offlinePush);
        this.fanout.sent(sdkAppId, chat, s.skipAfterCallback);
      }
      return reply;
    } catch (err) {
      await this.dedupe.release(sdkAppId, convId, dedupeKey).catch(() => undefined);
      throw err;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Groups

  async sendGroup(caller: CallerContext, req: SendGroupRequest): Promise<SendMessageReply> {
    const { sdkAppId } = caller;
    const privileged = isPrivileged(caller);
    if (!privileged && req.from !== undefined && req.from !== caller.callerId)
      throw new MessageError(ErrorCode.GroupPermissionDenied, 'a user sends as itself');
    const senderId = privileged ? req.from : caller.callerId;
    assertBody('GROUP', req.body, req.cloudCustomData);
    if (privileged && req.from !== undefined && !(await this.accounts.exists(sdkAppId, req.from)))
      throw new MessageError(
        ErrorCode.GroupAccountNotFound,
        `From_Account ${req.from} is not imported`,
      );
    const [context, settings, senderInfo] = await Promise.all([
      this.groups.sendContext(sdkAppId, req.groupId, senderId),
      this.settings.settingsOf(sdkAppId),
      senderId ? this.profiles.senderInfo(sdkAppId, senderId) : Promise.resolve({}),
    ]);
    const refusal = groupRefusal(context, caller, senderId);
    if (refusal) throw new MessageError(refusal.code, refusal.message);
    const caps = context.capabilities;
    const room = caps.storage === 'room';
    if (req.onlineOnly && caps.baseType === 'AVChatRoom')
      throw MessageError.invalid('GROUP', 'OnlineOnlyFlag is not allowed in an AVChatRoom');
    let body = await this.dirtyWords.filterBody(sdkAppId, req.body, settings.sensitiveWordAction);
    let cloudCustomData = req.cloudCustomData;
    const from = senderId ?? caller.callerId;
    const time = privileged && req.msgTime ? req.msgTime : nowSeconds();
    const convId = ConversationIds.group(req.groupId);
    if (!req.forbidCallback?.includes('ForbidBeforeSendMsgCallback')) {
      const verdict = await this.hook.beforeSend({
        sdkAppId,
        type: 'GROUP',
        from,
        to: req.groupId,
        body,
        cloudCustomData,
        random: req.random,
        origin: privileged ? 'RESTAPI' : 'client',
        operator: caller.callerId,
        time,
        onlineOnly: !!req.onlineOnly,
        groupType: context.type,
      });
      if (verdict.action === 'reject') throw new MessageError(verdict.code, verdict.message);
      if (verdict.action === 'discard') return discarded(convId, req, time);
      body = verdict.body ?? body;
      cloudCustomData = verdict.cloudCustomData ?? cloudCustomData;
    }
    const extra: MessageExtra = {
      ...senderExtra(senderInfo),
      ...nameCardOf(context.sender),
      ...(req.needReadReceipt && { needReadReceipt: true }),
      ...(req.priority && req.priority !== 'Normal' && { priority: req.priority }),
      ...(req.atInfo?.length && { atInfo: req.atInfo }),
    };
    const offlinePush = req.offlinePush?.PushFlag !== 1;
    if (req.onlineOnly) {
      const chat = onlineOnlyMessage(
        convId,
        'GROUP',
        { from, to: req.groupId, body, cloudCustomData, time },
        req,
        '',
      );
      Object.assign(chat, extraFields(extra));
      await this.deliverGroup(caller, context, chat, senderId, false);
      return { convId, seq: 0, time, msgKey: '', isDuplicate: false };
    }
    const dedupeKey = `${from}:${req.random}`;
    const claim = await this.dedupe.claim(sdkAppId, convId, dedupeKey);
    if (!claim.first) return claim.reply;
    try {
      let activated = false;
      if (caps.needsActivation && !context.isActive) {
        await this.groups.activate(sdkAppId, req.groupId, senderId, time);
        activated = true;
      }
      const seq = await this.seqs.allocate(sdkAppId, convId);
      const noUnread = req.sendControl?.includes('NoUnread') ?? false;
      const message: StoredMessage = {
        ...baseMessage(sdkAppId, convId, ConvTypes.GROUP, seq),
        fromId: from,
        toId: req.groupId,
        msgTime: time,
        random: req.random,
        clientSeq: 0,
        dedupeKey,
        body,
        cloudCustomData: cloudCustomData ?? null,
        extra: Object.keys(extra).length ? extra : null,
        flags: noUnread ? MessageFlags.notCounted : 0,
      };
      const chat = toChatMessage(message);
      let duplicateOf: StoredMessage | undefined;
      if (room) {
        await this.rooms.add(sdkAppId, req.groupId, chat);
      } else {
        const days = groupRoamingDays(caps, settings);
        if (days > settings.roamingDays) this.settings.noteRetention(sdkAppId, days);
        ({ duplicateOf } = await this.writer.write({
          message,
          group: {
            groupId: req.groupId,
            unreadSupported: caps.unreadSupported,
            counted: !noUnread,
            movesLast: !(req.sendControl?.includes('NoLastMsg') ?? false),
            senderId,
          },
        }));
      }
      const reply = replyOf(duplicateOf ?? message, !!duplicateOf);
      await this.dedupe.settle(sdkAppId, convId, dedupeKey, reply);
      if (!duplicateOf) {
        if (!activated) this.groups.noteMessages(sdkAppId, req.groupId, 1, time, senderId);
        await this.deliverGroup(caller, context, chat, senderId, offlinePush, req.offlinePush);
        this.fanout.sent(
          sdkAppId,
          chat,
          req.forbidCallback?.includes('ForbidAfterSendMsgCallback') ?? false,
        );
      }
      return reply;
    } catch (err) {
      await this.dedupe.release(sdkAppId, convId, dedupeKey).catch(() => undefined);
      throw err;
    }
  }

  /** import_group_msg: historical messages with the next group seqs (T25), not pushed. */
  async importGroup(
    caller: CallerContext,
    req: ImportGroupMessagesRequest,
  ): Promise<ImportGroupMessagesReply> {
    assertPrivileged('GROUP', caller);
    const { sdkAppId } = caller;
    const [context, settings] = await Promise.all([
      this.groups.sendContext(sdkAppId, req.groupId),
      this.settings.settingsOf(sdkAppId),
    ]);
    if (!context.capabilities.importAllowed || context.capabilities.storage === 'room')
      throw new MessageError(
        ErrorCode.GroupPermissionDenied,
        `${context.type} groups take no imported messages (T25)`,
      );
    const convId = ConversationIds.group(req.groupId);
    const now = nowSeconds();
    const results: ImportGroupMessagesReply['results'] = [];
    let previous = 0;
    const accepted: { index: number; body: MsgElement[] }[] = [];
    for (const [index, item] of req.messages.entries()) {
      results.push({ seq: 0, time: item.sendTime, code: 0 });
      if (item.sendTime > now + 60 || item.sendTime < previous) {
        results[index].code = ErrorCode.GroupInvalidParameter;
        continue;
      }
      const problem = checkBody(item.body);
      if (problem) {
        results[index].code =
          problem.kind === 'too-large'
            ? ErrorCode.MessageBodyTooLong
            : ErrorCode.GroupInvalidParameter;
        continue;
      }
      try {
        const body = await this.dirtyWords.filterBody(
          sdkAppId,
          item.body,
          settings.sensitiveWordAction,
        );
        accepted.push({ index, body });
        previous = item.sendTime;
      } catch (err) {
        if (!(err instanceof MessageError)) throw err;
        results[index].code = err.code;
      }
    }
    if (accepted.length === 0) return { results };
    const first = await this.seqs.allocate(sdkAppId, convId, accepted.length);
    const movesLast = req.updateConversations ?? false;
    await Promise.all(
      accepted.map(async ({ index, body }, i) => {
        const item = req.messages[index];
        const seq = first + i;
        const random = item.random ?? randomInt(0, 0xffffffff);
        const message: StoredMessage = {
          ...baseMessage(sdkAppId, convId, ConvTypes.GROUP, seq),
          fromId: item.from,
          toId: req.groupId,
          msgTime: item.sendTime,
          random,
          clientSeq: 0,
          dedupeKey: `import:${item.from}:${random}:${item.sendTime}`,
          body,
          cloudCustomData: null,
          flags: MessageFlags.imported | MessageFlags.notCounted,
        };
        const { duplicateOf } = await this.writer.write({
          message,
          group: {
            groupId: req.groupId,
            unreadSupported: context.capabilities.unreadSupported,
            counted: false,
            movesLast,
          },
        });
        const stored = duplicateOf ?? message;
        results[index] = { seq: stored.seq, time: stored.msgTime, code: 0 };
      }),
    );
    const lastTime = Math.max(...accepted.map(({ index }) => req.messages[index].sendTime));
    this.groups.noteMessages(sdkAppId, req.groupId, accepted.length, lastTime);
    return { results };
  }

  /** Pushes a group message: once on the room subject, or to every member but Discard ones. */
  private async deliverGroup(
    caller: CallerContext,
    context: SendContextReply,
    chat: ChatMessage,
    senderId: string | undefined,
    offlinePush: boolean,
    offlinePushInfo?: object,
  ): Promise<void> {
    const { sdkAppId } = caller;
    if (context.capabilities.storage === 'room') {
      this.fanout.room(sdkAppId, context.groupId, 'msg', chat);
      return;
    }
    try {
      const members = await this.groups.deliveryMembers(sdkAppId, context.groupId);
      this.fanout.group(
        sdkAppId,
        chat,
        { members, senderId, senderConnId: caller.connId, offlinePush },
        offlinePushInfo,
      );
    } catch (err) {
      // Stored already: members catch up by seq. Logged, not the sender's failure.
      this.logger.warn({ err: (err as Error).message, groupId: context.groupId }, 'no member list');
    }
  }
}

function assertPrivileged(kind: ConversationType, caller: CallerContext): void {
  if (!isPrivileged(caller))
    throw MessageError.forbidden(kind, 'this command is for the App admin');
}

function assertBody(kind: ConversationType, body: MsgElement[], cloudCustomData?: string): void {
  const problem = checkBody(body, cloudCustomData);
  if (!problem) return;
  throw problem.kind === 'too-large'
    ? MessageError.tooLarge(kind, problem.message)
    : MessageError.layout(kind, problem.message);
}

function senderExtra(info: { nick?: string; faceUrl?: string }): MessageExtra {
  return {
    ...(info.nick && { senderNick: info.nick }),
    ...(info.faceUrl && { senderFaceUrl: info.faceUrl }),
  };
}

type Base = Pick<
  StoredMessage,
  | 'sdkAppId'
  | 'convId'
  | 'convType'
  | 'seq'
  | 'storedAt'
  | 'extra'
  | 'hiddenFrom'
  | 'expiresAt'
  | 'editedAt'
>;

function baseMessage(
  sdkAppId: number,
  convId: string,
  convType: StoredMessage['convType'],
  seq: number,
): Base {
  return {
    sdkAppId,
    convId,
    convType,
    seq,
    storedAt: Date.now(),
    extra: null,
    hiddenFrom: null,
    expiresAt: null,
    editedAt: null,
  };
}

function replyOf(m: StoredMessage, isDuplicate: boolean): SendMessageReply {
  return {
    convId: m.convId,
    seq: m.seq,
    time: m.msgTime,
    msgKey: toChatMessage(m).msgKey,
    isDuplicate,
  };
}

/** What a sender sees when the before-send callback discarded its message. */
function discarded(convId: string, req: SendOptions, time: number): SendMessageReply {
  const msgKey = convId.startsWith('c2c:')
    ? MsgKeys.c2c({ clientSeq: req.clientSeq ?? 0, random: req.random, time })
    : '';
  return { convId, seq: 0, time, msgKey, isDuplicate: false };
}

function onlineOnlyMessage(
  convId: string,
  type: ConversationType,
  s: { from: string; to: string; body: MsgElement[]; cloudCustomData?: string; time: number },
  o: SendOptions,
  msgKey: string,
): ChatMessage {
  return {
    convId,
    type,
    seq: 0,
    time: s.time,
    random: o.random,
    msgKey,
    from: s.from,
    to: s.to,
    body: s.body,
    ...(s.cloudCustomData !== undefined && { cloudCustomData: s.cloudCustomData }),
  };
}
