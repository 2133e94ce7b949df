import { randomInt } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { ConversationIds, ErrorCode, isOfficialAccountId, isPrivileged } from '@im/contracts';
import type {
  CallerContext,
  ChatMessage,
  ImportGroupMessagesReply,
  ImportGroupMessagesRequest,
  MsgElement,
  SendContextReply,
  SendGroupRequest,
  SendMessageReply,
} from '@im/contracts';
import { AccountsClient, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { DirtyWordsService } from './dirty-words.service';
import { FanoutService } from './fanout.service';
import { GroupClient } from './group.client';
import { MessageError } from './message.errors';
import { OfficialAccountSendLimiter } from './official-account-send-limits.store';
import {
  assertBody,
  assertPrivileged,
  groupRefusal,
  groupMessageExtra,
  groupRoamingDays,
  importSendTimeValid,
} from './message.rules';
import { MessageSettingsReader } from './message-settings.reader';
import type { ResolvedMessageSettings } from './message-settings.reader';
import { MessageWriter } from './message-writer.db';
import { checkBody } from './msg-body.rules';
import { NoSpeakingClient } from './no-speaking.client';
import { baseMessage, discarded, onlineOnlyMessage, replyOf } from './outgoing-message.model';
import type { MessageContent } from './outgoing-message.model';
import { ProfileClient } from './profile.client';
import { RoomBuffer } from './room-buffer.store';
import { SendSteps } from './send-steps.service';
import { SeqAllocator } from './seq-allocator.store';
import {
  ConvTypes,
  extraFields,
  MessageFlags,
  nowSeconds,
  toChatMessage,
} from './stored-message.model';
import type { MessageExtra, StoredMessage } from './stored-message.model';

/** A group message that passed the checks and the before-send callback, ready to store. */
export interface GroupDraft extends MessageContent {
  convId: string;
  /** The sending member; undefined when the App admin sends without naming a sender. */
  senderId?: string;
  /** The group as the group service told it for this sender. */
  context: SendContextReply;
  settings: ResolvedMessageSettings;
  /** The sender's options: random, SendMsgControl, offline-push info, callbacks forbidden. */
  options: SendGroupRequest;
  extra: MessageExtra;
}

/** An imported message that passed its checks, by its index in the request. */
interface AcceptedImport {
  index: number;
  body: MsgElement[];
}

/**
 * Group sends and imports (MSG-11 … MSG-17, docs/rest-api.md §7.14, §7.19): the group's send
 * context decides who may post; the message is stored once (the room buffer for live-stream
 * groups), then pushed to the room or to every member.
 */
@Injectable()
export class GroupSendService {
  constructor(
    private readonly accounts: AccountsClient,
    private readonly profiles: ProfileClient,
    private readonly groups: GroupClient,
    private readonly settings: MessageSettingsReader,
    private readonly dirtyWords: DirtyWordsService,
    private readonly seqs: SeqAllocator,
    private readonly writer: MessageWriter,
    private readonly rooms: RoomBuffer,
    private readonly fanout: FanoutService,
    private readonly steps: SendSteps,
    private readonly noSpeaking: NoSpeakingClient,
    private readonly officialLimits: OfficialAccountSendLimiter,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async sendGroup(caller: CallerContext, req: SendGroupRequest): Promise<SendMessageReply> {
    const { sdkAppId } = caller;
    const privileged = isPrivileged(caller);
    const senderId = await this.senderOf(caller, req);
    const [context, settings, senderInfo] = await Promise.all([
      this.groups.sendContext(sdkAppId, req.groupId, senderId),
      this.settings.settingsOf(sdkAppId),
      senderId ? this.profiles.senderInfo(sdkAppId, senderId) : Promise.resolve({}),
      this.noSpeaking.assertMaySend(sdkAppId, senderId ?? caller.callerId, 'GROUP'),
    ]);
    const refusal = groupRefusal(context, caller, senderId);
    if (refusal) throw new MessageError(refusal.code, refusal.message);
    if (req.onlineOnly && context.capabilities.baseType === 'AVChatRoom')
      throw MessageError.invalid('GROUP', 'OnlineOnlyFlag is not allowed in an AVChatRoom');
    const body = await this.dirtyWords.filterBody(sdkAppId, req.body, settings.sensitiveWordAction);
    const from = senderId ?? caller.callerId;
    const time = privileged && req.msgTime ? req.msgTime : nowSeconds();
    const convId = ConversationIds.group(req.groupId);
    const content = await this.steps.beforeSend(
      {
        sdkAppId,
        type: 'GROUP',
        from,
        to: req.groupId,
        body,
        cloudCustomData: req.cloudCustomData,
        random: req.random,
        origin: privileged ? 'RESTAPI' : 'client',
        operator: caller.callerId,
        time,
        onlineOnly: !!req.onlineOnly,
        groupType: context.type,
      },
      req.forbidCallback,
    );
    if (!content) return discarded(convId, req, time);
    if (isOfficialAccountId(req.groupId)) {
      // Tencent's limits of send_official_account_msg (page 1047/60810): a duplicate within
      // 5 minutes is dropped (the sender sees success, nothing is stored), a send over 1 a
      // second or 2 an hour is refused
      const verdict = await this.officialLimits.check(sdkAppId, req.groupId, content.body);
      if (verdict === 'duplicate') return discarded(convId, req, time);
      if (verdict !== 'send')
        throw new MessageError(
          ErrorCode.GroupMessageRateLimited,
          verdict === 'second'
            ? 'an official account sends at most 1 message a second'
            : 'an official account sends at most 2 broadcasts an hour',
        );
    }
    const draft: GroupDraft = {
      convId,
      from,
      to: req.groupId,
      ...content,
      time,
      senderId,
      context,
      settings,
      options: req,
      extra: groupMessageExtra(senderInfo, context.sender, req),
    };
    return req.onlineOnly ? this.pushOnlineOnly(caller, draft) : this.storeGroup(caller, draft);
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
    const { results, accepted } = await this.screenImports(
      sdkAppId,
      req,
      settings,
      context.createTime,
    );
    if (accepted.length === 0) return { results };
    const convId = ConversationIds.group(req.groupId);
    const first = await this.seqs.allocate(sdkAppId, convId, accepted.length);
    const movesLast = req.updateConversations ?? false;
    await Promise.all(
      accepted.map(async ({ index, body }, i) => {
        const item = req.messages[index];
        const random = item.random ?? randomInt(0, 0xffffffff);
        const message: StoredMessage = {
          ...baseMessage(sdkAppId, convId, ConvTypes.GROUP, first + i),
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
        const { unreadSupported } = context.capabilities;
        const { duplicateOf } = await this.writer.write({
          message,
          group: { groupId: req.groupId, unreadSupported, counted: false, movesLast },
        });
        const stored = duplicateOf ?? message;
        results[index] = { seq: stored.seq, time: stored.msgTime, code: 0 };
      }),
    );
    const lastTime = Math.max(...accepted.map(({ index }) => req.messages[index].sendTime));
    const lastSeq = Math.max(...results.map((r) => r.seq));
    this.groups.noteMessages(sdkAppId, req.groupId, { count: accepted.length, lastSeq, lastTime });
    return { results };
  }

  /** Who sends: a user as itself; the App admin as the member it names (imported), or itself. */
  private async senderOf(
    caller: CallerContext,
    req: SendGroupRequest,
  ): Promise<string | undefined> {
    const privileged = isPrivileged(caller);
    if (!privileged && req.from !== undefined && req.from !== caller.callerId)
      throw new MessageError(ErrorCode.GroupPermissionDenied, 'a user sends as itself');
    assertBody('GROUP', req.body, req.cloudCustomData, req.offlinePush);
    if (!privileged) return caller.callerId;
    if (req.from !== undefined && !(await this.accounts.exists(caller.sdkAppId, req.from)))
      throw new MessageError(
        ErrorCode.GroupAccountNotFound,
        `From_Account ${req.from} is not imported`,
      );
    return req.from;
  }

  /** OnlineOnlyFlag 1: pushed to who is online, not stored, no offline push. */
  private async pushOnlineOnly(
    caller: CallerContext,
    draft: GroupDraft,
  ): Promise<SendMessageReply> {
    const chat = onlineOnlyMessage(draft.convId, 'GROUP', draft, draft.options.random, '');
    Object.assign(chat, extraFields(draft.extra));
    await this.deliverGroup(caller, draft.context, chat, draft.senderId, false);
    return { convId: draft.convId, seq: 0, time: draft.time, msgKey: '', isDuplicate: false };
  }

  /** Stores the message once (activating an inactive group first), then delivers it. */
  private async storeGroup(caller: CallerContext, draft: GroupDraft): Promise<SendMessageReply> {
    const { sdkAppId } = caller;
    const { context, options, senderId } = draft;
    const caps = context.capabilities;
    const dedupeKey = `${draft.from}:${options.random}`;
    return this.steps.once(sdkAppId, draft.convId, dedupeKey, async () => {
      const activates = caps.needsActivation && !context.isActive;
      if (activates) await this.groups.activate(sdkAppId, draft.to, senderId, draft.time);
      const seq = await this.seqs.allocate(sdkAppId, draft.convId);
      const noUnread = options.sendControl?.includes('NoUnread') ?? false;
      const message: StoredMessage = {
        ...baseMessage(sdkAppId, draft.convId, ConvTypes.GROUP, seq),
        fromId: draft.from,
        toId: draft.to,
        msgTime: draft.time,
        random: options.random,
        clientSeq: 0,
        dedupeKey,
        body: draft.body,
        cloudCustomData: draft.cloudCustomData ?? null,
        extra: Object.keys(draft.extra).length ? draft.extra : null,
        flags: noUnread ? MessageFlags.notCounted : 0,
      };
      const chat = toChatMessage(message);
      const duplicateOf = await this.keep(sdkAppId, draft, message, chat);
      const reply = replyOf(duplicateOf ?? message, !!duplicateOf);
      if (duplicateOf) return { reply };
      const after = async () => {
        // also after an activation: the note is absolute, it cannot count this message twice
        this.groups.noteMessages(sdkAppId, draft.to, {
          count: 1,
          lastSeq: seq,
          lastTime: draft.time,
          senderId,
        });
        const offlinePush = options.offlinePush?.PushFlag !== 1;
        const recipients = await this.deliverGroup(
          caller,
          context,
          chat,
          senderId,
          offlinePush,
          options.offlinePush,
        );
        const skipAfterCallback = options.forbidCallback?.includes('ForbidAfterSendMsgCallback');
        this.fanout.sent(sdkAppId, chat, skipAfterCallback ?? false, recipients);
      };
      return { reply, after };
    });
  }

  /**
   * Keeps a new message: in the room buffer for live-stream groups, else in the table with the
   * group line; the message it repeats when the table already had it.
   */
  private async keep(
    sdkAppId: number,
    draft: GroupDraft,
    message: StoredMessage,
    chat: ChatMessage,
  ): Promise<StoredMessage | undefined> {
    const caps = draft.context.capabilities;
    if (caps.storage === 'room') {
      const key = message.dedupeKey ?? `${message.fromId}:${message.random}`;
      const earlier = await this.rooms.addOnce(sdkAppId, draft.to, chat, key);
      return earlier ? { ...message, seq: earlier.seq, msgTime: earlier.time } : undefined;
    }
    const days = groupRoamingDays(caps, draft.settings);
    if (days > draft.settings.roamingDays) this.settings.noteRetention(sdkAppId, days);
    const sendControl = draft.options.sendControl;
    const { duplicateOf } = await this.writer.write({
      message,
      group: {
        groupId: draft.to,
        unreadSupported: caps.unreadSupported,
        counted: !(sendControl?.includes('NoUnread') ?? false),
        movesLast: !(sendControl?.includes('NoLastMsg') ?? false),
        senderId: draft.senderId,
      },
    });
    return duplicateOf;
  }

  /** Checks each imported message in order; the accepted ones with their filtered bodies. */
  private async screenImports(
    sdkAppId: number,
    req: ImportGroupMessagesRequest,
    settings: ResolvedMessageSettings,
    createTime: number,
  ): Promise<{ results: ImportGroupMessagesReply['results']; accepted: AcceptedImport[] }> {
    const now = nowSeconds();
    const results: ImportGroupMessagesReply['results'] = [];
    const accepted: AcceptedImport[] = [];
    let previous = 0;
    for (const [index, item] of req.messages.entries()) {
      results.push({ seq: 0, time: item.sendTime, code: 0 });
      if (!importSendTimeValid(item.sendTime, { createTime, previous, now })) {
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
    return { results, accepted };
  }

  /**
   * Pushes a group message: once on the room subject, or to every member but Discard ones.
   * Returns how many members other than the sender it went to (statistics), unknown for rooms.
   */
  private async deliverGroup(
    caller: CallerContext,
    context: SendContextReply,
    chat: ChatMessage,
    senderId: string | undefined,
    offlinePush: boolean,
    offlinePushInfo?: object,
  ): Promise<number | undefined> {
    const { sdkAppId } = caller;
    if (context.capabilities.storage === 'room') {
      this.fanout.room(sdkAppId, context.groupId, 'msg', chat);
      return undefined;
    }
    try {
      const members = await this.groups.deliveryMembers(sdkAppId, context.groupId);
      this.fanout.group(
        sdkAppId,
        chat,
        { members, senderId, senderConnId: caller.connId, offlinePush },
        offlinePushInfo,
      );
      return members.filter((m) => m.msgFlag !== 'Discard' && m.userId !== senderId).length;
    } catch (err) {
      // Stored already: members catch up by seq. Logged, not the sender's failure.
      this.logger.warn({ err: (err as Error).message, groupId: context.groupId }, 'no member list');
      return undefined;
    }
  }
}
