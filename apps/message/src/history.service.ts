import { Inject, Injectable } from '@nestjs/common';

import { ConversationIds, ErrorCode, isPrivileged, MessageLimits, utf8Length } from '@im/contracts';
import type {
  C2cHistoryReply,
  C2cHistoryRequest,
  CallerContext,
  ClearGroupHistoryRequest,
  ChatMessage,
  GroupHistoryItem,
  GroupHistoryReply,
  GroupHistoryRequest,
  HistoryMessage,
  PullReply,
  PullRequest,
} from '@im/contracts';
import { AccountsClient } from '@im/platform';

import { ConversationAccess, isVisible } from './conversation-access.service';
import type { ConversationView } from './conversation-access.service';
import { ConversationRepository } from './conversation.repository';
import { GroupClient } from './group.client';
import { MessageError } from './message.errors';
import { MessageRepository } from './message.repository';
import { MessageSettingsReader } from './message-settings.reader';
import { groupRoamingDays } from './message.rules';
import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';
import { MsgKeys } from './msg-key.model';
import { RoomBuffer } from './room-buffer.store';
import { hasFlag, MessageFlags, nowSeconds, toChatMessage } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

/** Rows read per round of a pull; a pull reads at most this many rounds. */
const MAX_ROUNDS = 10;
/** admin_getroammsg cuts a page at about this many bytes (docs/rest-api.md §4.4). */
const HISTORY_PAGE_BYTES = 13 * 1024;

/**
 * Reading messages: pulls by seq (history and gap-fill, with holes passed over), the admin's
 * C2C history by time (admin_getroammsg) and group history by seq (group_msg_get_simple).
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly access: ConversationAccess,
    private readonly messages: MessageRepository,
    private readonly conversations: ConversationRepository,
    private readonly rooms: RoomBuffer,
    private readonly accounts: AccountsClient,
    private readonly groups: GroupClient,
    private readonly settings: MessageSettingsReader,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
  ) {}

  /**
   * Messages from `fromSeq` on (asc) or back (desc). Ascending, a number without a message is
   * passed over unless the message after it was stored moments ago (it may still be in
   * flight): the pull then stops before it and says when to ask again.
   */
  async pull(caller: CallerContext, req: PullRequest): Promise<PullReply> {
    const view = await this.access.view(caller, req.convId);
    const limit = req.limit ?? MessageLimits.pullMaxMessages;
    const order = req.order ?? 'asc';
    if (view.isRoom) return this.pullRoom(view, req.fromSeq, order, limit);
    const [row, line] = await Promise.all([
      view.viewer ? this.conversations.findOne(view.sdkAppId, view.viewer, view.convId) : undefined,
      view.viewer && view.type === 'GROUP'
        ? this.conversations.findLine(view.sdkAppId, view.convId)
        : undefined,
    ]);
    // The user's own clear (conversation deleted with its history) or the group's (clear_group_msg).
    const clearSeq = Math.max(row?.clearSeq ?? 0, line?.clearSeq ?? 0);
    return order === 'asc'
      ? this.pullAsc(view, req.fromSeq, limit, clearSeq)
      : this.pullDesc(view, req.fromSeq, limit, clearSeq);
  }

  private async pullAsc(
    view: ConversationView,
    fromSeq: number,
    limit: number,
    clearSeq: number,
  ): Promise<PullReply> {
    const messages: ChatMessage[] = [];
    let expected = fromSeq;
    const chunk = limit + 1;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const rows = await this.messages.findRange(
        view.sdkAppId,
        view.convId,
        expected,
        'asc',
        chunk,
      );
      const now = Date.now();
      for (const m of rows) {
        if (m.seq > expected) {
          const age = now - m.storedAt;
          if (age < this.tuning.holeGraceMs)
            return {
              messages,
              nextSeq: expected,
              isComplete: false,
              retryAfterMs: this.tuning.holeGraceMs - age,
            };
        }
        expected = m.seq + 1;
        if (isVisible(view, m, clearSeq)) messages.push(toChatMessage(m));
        if (messages.length === limit)
          return { messages, nextSeq: expected, isComplete: await this.atEnd(view, expected) };
      }
      if (rows.length < chunk) return { messages, nextSeq: expected, isComplete: true };
    }
    return { messages, nextSeq: expected, isComplete: false };
  }

  private async atEnd(view: ConversationView, nextSeq: number): Promise<boolean> {
    const next = await this.messages.findRange(view.sdkAppId, view.convId, nextSeq, 'asc', 1);
    return next.length === 0;
  }

  private async pullDesc(
    view: ConversationView,
    fromSeq: number,
    limit: number,
    clearSeq: number,
  ): Promise<PullReply> {
    const messages: ChatMessage[] = [];
    let next = fromSeq;
    const chunk = limit + 1;
    for (let round = 0; round < MAX_ROUNDS && next >= 1; round++) {
      const rows = await this.messages.findRange(view.sdkAppId, view.convId, next, 'desc', chunk);
      for (const m of rows) {
        next = m.seq - 1;
        // Everything older is past the roaming window, before the join, or cleared.
        if (m.seq <= clearSeq || m.msgTime < Math.max(view.oldestTime, view.joinedAt) - 60)
          return { messages, nextSeq: Math.max(next, 0), isComplete: true };
        if (isVisible(view, m, clearSeq)) messages.push(toChatMessage(m));
        if (messages.length === limit)
          return { messages, nextSeq: Math.max(next, 0), isComplete: next < 1 };
      }
      if (rows.length < chunk) return { messages, nextSeq: 0, isComplete: true };
    }
    return { messages, nextSeq: Math.max(next, 0), isComplete: next < 1 };
  }

  private async pullRoom(
    view: ConversationView,
    fromSeq: number,
    order: 'asc' | 'desc',
    limit: number,
  ): Promise<PullReply> {
    const messages = await this.rooms.range(view.sdkAppId, view.peer, fromSeq, order, limit);
    const last = messages[messages.length - 1];
    const nextSeq = last
      ? order === 'asc'
        ? last.seq + 1
        : last.seq - 1
      : order === 'asc'
        ? fromSeq
        : 0;
    return { messages, nextSeq: Math.max(nextSeq, 0), isComplete: messages.length < limit };
  }

  /** admin_getroammsg: newest part of [minTime, maxTime] first, pages of ≤ maxCount / ~13 KB. */
  async c2cHistory(caller: CallerContext, req: C2cHistoryRequest): Promise<C2cHistoryReply> {
    if (!isPrivileged(caller))
      throw new MessageError(ErrorCode.OpenimAdminRequired, 'for the App admin');
    if (!(await this.accounts.exists(caller.sdkAppId, req.userId)))
      throw new MessageError(ErrorCode.FromAccountInvalid, `${req.userId} is not imported`);
    const convId = ConversationIds.c2c(req.userId, req.peerId);
    const view = await this.access.view(caller, convId, req.userId);
    const minTime = Math.max(req.minTime, view.oldestTime);
    let before: { time: number; seq: number } | undefined;
    if (req.lastMsgKey) {
      const key = MsgKeys.parseC2c(req.lastMsgKey);
      if (!key) throw new MessageError(ErrorCode.C2cInvalidPacket, 'LastMsgKey is not a MsgKey');
      const [found] = await this.messages.findByKey(caller.sdkAppId, convId, key.random, key.time);
      before = { time: key.time, seq: found?.seq ?? Number.MAX_SAFE_INTEGER };
    }
    const rows = (
      await this.messages.findByTime(
        caller.sdkAppId,
        convId,
        minTime,
        req.maxTime,
        before,
        req.maxCount + 1,
      )
    ).filter((m) => isVisible({ ...view, oldestTime: 0 }, m));
    const [peerRow, ownRow] = await Promise.all([
      this.conversations.findOne(caller.sdkAppId, req.peerId, convId),
      this.conversations.findOne(caller.sdkAppId, req.userId, convId),
    ]);
    const page: HistoryMessage[] = [];
    let bytes = 0;
    let cut = false;
    for (const m of rows.slice(0, req.maxCount)) {
      if (m.seq <= (ownRow?.clearSeq ?? 0)) continue;
      const message: HistoryMessage = toChatMessage(m);
      if (m.fromId === req.userId) message.isPeerRead = (peerRow?.readSeq ?? 0) >= m.seq;
      const size = utf8Length(JSON.stringify(message));
      if (page.length > 0 && bytes + size > HISTORY_PAGE_BYTES) {
        cut = true;
        break;
      }
      bytes += size;
      page.push(message);
    }
    const oldest = page[page.length - 1];
    return {
      isComplete: !cut && rows.length <= req.maxCount,
      messages: page.reverse(),
      lastTime: oldest?.time ?? 0,
      lastMsgKey: oldest?.msgKey ?? '',
    };
  }

  /** group_msg_get_simple: up to 20 seqs ending at `maxSeq`, newest first, with placeholders. */
  /**
   * clear_group_msg: the group's messages up to `msgSeq` (all when absent) leave its members'
   * pulls; nothing is deleted (group_msg_get_simple still answers them to the App admin, as
   * at Tencent). A live room or broadcast group keeps no roaming history here (10007).
   */
  async clearGroup(caller: CallerContext, req: ClearGroupHistoryRequest): Promise<void> {
    if (!isPrivileged(caller))
      throw new MessageError(ErrorCode.GroupPermissionDenied, 'for the App admin');
    const context = await this.groups.sendContext(caller.sdkAppId, req.groupId);
    if (context.capabilities.storage === 'room')
      throw new MessageError(
        ErrorCode.GroupPermissionDenied,
        `a ${context.capabilities.type} group keeps no roaming messages to clear`,
      );
    await this.conversations.clearLine(
      caller.sdkAppId,
      ConversationIds.group(req.groupId),
      req.msgSeq ?? Number.MAX_SAFE_INTEGER,
    );
  }

  async groupHistory(caller: CallerContext, req: GroupHistoryRequest): Promise<GroupHistoryReply> {
    if (!isPrivileged(caller))
      throw new MessageError(ErrorCode.GroupPermissionDenied, 'for the App admin');
    const { sdkAppId } = caller;
    const convId = ConversationIds.group(req.groupId);
    const [context, settings] = await Promise.all([
      this.groups.sendContext(sdkAppId, req.groupId),
      this.settings.settingsOf(sdkAppId),
    ]);
    const days = groupRoamingDays(context.capabilities, settings);
    const line = await this.conversations.findLine(sdkAppId, convId);
    const top = Math.min(req.maxSeq ?? Number.MAX_SAFE_INTEGER, line?.lastSeq ?? 0);
    if (context.capabilities.storage === 'room' || days === 0 || top < 1)
      return { groupId: req.groupId, finished: 1, items: [] };
    const bottom = Math.max(1, top - req.count + 1);
    const rows = await this.messages.findRange(sdkAppId, convId, top, 'desc', req.count, bottom);
    const bySeq = new Map(rows.map((m) => [m.seq, m]));
    const oldest = nowSeconds() - days * 86400;
    const gone = (m: StoredMessage | undefined) =>
      !m ||
      hasFlag(m, MessageFlags.deleted) ||
      m.msgTime < oldest ||
      (m.expiresAt !== null && m.expiresAt <= nowSeconds());
    const items: GroupHistoryItem[] = [];
    for (let seq = top; seq >= bottom; seq--) {
      const m = bySeq.get(seq);
      if (gone(m)) items.push({ seq, placeholder: 1 });
      else if (hasFlag(m!, MessageFlags.recalled)) {
        if (req.withRecalled) items.push({ seq, placeholder: 2, message: toChatMessage(m!) });
      } else items.push({ seq, placeholder: 0, message: toChatMessage(m!) });
    }
    const finished: 0 | 1 | 2 = bottom === 1 ? 1 : gone(bySeq.get(bottom)) ? 2 : 0;
    return { groupId: req.groupId, finished, items };
  }
}
