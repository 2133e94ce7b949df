import { Injectable } from '@nestjs/common';

import {
  ConversationIds,
  ErrorCode,
  isPrivileged,
  MessageEvt,
  PushCommands,
  pushOf,
} from '@im/contracts';
import type {
  C2cMessageKeyRequest,
  CallerContext,
  ChatMessage,
  ConversationSeqRequest,
  ConversationType,
  DeleteGroupBySenderRequest,
  EditC2cByKeyRequest,
  EditMessageRequest,
  GroupRecallReply,
  GroupRecallRequest,
  ModifyGroupMessageRequest,
  PushCommand,
  PushDataOf,
  RecalledPushData,
} from '@im/contracts';
import { NatsBus } from '@im/platform';

import { ConversationAccess } from './conversation-access.service';
import type { ConversationView } from './conversation-access.service';
import { DeliveryService } from './delivery.service';
import type { PushTarget } from './delivery.service';
import { DirtyWordsService } from './dirty-words.service';
import { GroupClient } from './group.client';
import { MessageError } from './message.errors';
import { MessageRepository } from './message.repository';
import { MessageSettingsReader } from './message-settings.reader';
import { checkBody } from './msg-body.rules';
import { MsgKeys } from './msg-key.model';
import { RoomBuffer } from './room-buffer.store';
import { hasFlag, MessageFlags, nowSeconds, toChatMessage } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

/**
 * Changing stored messages (AMB-42): recall (the message is replaced by a recall mark, online
 * clients get `msg.recalled`), edit (`msg.modified`), and deleting a sender's group messages.
 * Users act on their own messages within the recall window (20016 / 10031); group owners and
 * admins on their members' too; the App admin on any.
 */
@Injectable()
export class RecallService {
  constructor(
    private readonly access: ConversationAccess,
    private readonly messages: MessageRepository,
    private readonly rooms: RoomBuffer,
    private readonly groups: GroupClient,
    private readonly settings: MessageSettingsReader,
    private readonly dirtyWords: DirtyWordsService,
    private readonly delivery: DeliveryService,
    private readonly bus: NatsBus,
  ) {}

  async recall(caller: CallerContext, req: ConversationSeqRequest): Promise<void> {
    const view = await this.access.view(caller, req.convId);
    const outcome = await this.recallIn(caller, view, req.seq);
    // A client's recall is idempotent: recalling a recalled message is done (`{}`).
    const code = outcome === RECALLED_BEFORE ? 0 : outcome;
    if (code !== 0)
      throw new MessageError(
        code,
        code === ErrorCode.GroupMessageToRecallNotFound || code === ErrorCode.C2cInvalidPacket
          ? 'no such message'
          : 'this message cannot be recalled',
      );
  }

  /**
   * admin_msgwithdraw (docs/rest-api.md §4.5): 90054 for a MsgKey that is not one, 20022 when
   * it names no message, 20023 when the message was recalled before.
   */
  async recallByKey(caller: CallerContext, req: C2cMessageKeyRequest): Promise<void> {
    assertPrivileged(caller, ErrorCode.OpenimAdminRequired);
    const { view, message } = await this.findByKey(caller, req, RECALL_KEY_CODES);
    const outcome = await this.recallIn(caller, view, message.seq);
    if (outcome === RECALLED_BEFORE)
      throw new MessageError(ErrorCode.C2cMessageAlreadyRecalled, 'recalled already');
    if (outcome !== 0) throw new MessageError(outcome, 'this message cannot be recalled');
  }

  /**
   * group_msg_recall: per seq 0, 10030 (no such message) or 10032 (not recallable: recalled
   * before — a second recall is not a success, as admin_msgwithdraw's 20023).
   */
  async recallGroup(caller: CallerContext, req: GroupRecallRequest): Promise<GroupRecallReply> {
    assertPrivileged(caller, ErrorCode.GroupPermissionDenied);
    const view = await this.access.view(caller, ConversationIds.group(req.groupId));
    const results = [];
    for (const seq of req.seqs) {
      const outcome = await this.recallIn(caller, view, seq);
      const code = outcome === RECALLED_BEFORE ? ErrorCode.GroupMessageNotRecallable : outcome;
      results.push({ seq, code });
    }
    return { results };
  }

  /** Recalls one message; 0, the code why not, or RECALLED_BEFORE. */
  private async recallIn(
    caller: CallerContext,
    view: ConversationView,
    seq: number,
  ): Promise<number | typeof RECALLED_BEFORE> {
    const { sdkAppId } = view;
    const notFound =
      view.type === 'C2C' ? ErrorCode.C2cInvalidPacket : ErrorCode.GroupMessageToRecallNotFound;
    if (view.isRoom) {
      const buffered = await this.rooms.find(sdkAppId, view.peer, seq);
      if (!buffered) return notFound;
      const refusal = await this.refusal(caller, view, buffered.from, buffered.time);
      if (refusal) return refusal;
      if (buffered.isRecalled) return RECALLED_BEFORE;
      await this.rooms.replace(sdkAppId, view.peer, {
        ...buffered,
        body: [],
        isRecalled: true,
        cloudCustomData: undefined,
      });
      this.tell(caller, view, seq, []);
      return 0;
    }
    const message = await this.messages.findOne(sdkAppId, view.convId, seq);
    if (!message || hasFlag(message, MessageFlags.deleted)) return notFound;
    if (view.viewer && message.hiddenFrom === view.viewer) return notFound;
    if (hasFlag(message, MessageFlags.recalled)) return RECALLED_BEFORE;
    const refusal = await this.refusal(caller, view, message.fromId, message.msgTime);
    if (refusal) return refusal;
    // undefined: a concurrent recall marked it first
    if (!(await this.messages.markRecalled(sdkAppId, view.convId, seq))) return RECALLED_BEFORE;
    this.tell(caller, view, seq, c2cUsers(message));
    return 0;
  }

  /** Why the caller may not change a message of `from` sent at `time`, or 0. */
  private async refusal(caller: CallerContext, view: ConversationView, from: string, time: number) {
    if (isPrivileged(caller)) return 0;
    const isSender = from === caller.callerId;
    const role = view.group?.sender?.role;
    const groupManager = view.type === 'GROUP' && (role === 'Owner' || role === 'Admin');
    if (!isSender && !groupManager)
      return view.type === 'C2C' ? ErrorCode.C2cInvalidPacket : ErrorCode.GroupPermissionDenied;
    const { recallWindowSeconds } = await this.settings.settingsOf(caller.sdkAppId);
    if (nowSeconds() - time > recallWindowSeconds)
      return view.type === 'C2C'
        ? ErrorCode.C2cRecallWindowExceeded
        : ErrorCode.GroupRecallWindowExceeded;
    return 0;
  }

  private tell(
    caller: CallerContext,
    view: ConversationView,
    seq: number,
    c2cUsers: string[],
  ): void {
    const data: RecalledPushData = { convId: view.convId, seq };
    this.pushTo(caller, view, PushCommands.MessageRecalled, data, c2cUsers);
    this.bus.publishUnacked(MessageEvt.Recalled, {
      sdkAppId: view.sdkAppId,
      convId: view.convId,
      seq,
      by: caller.callerId,
    });
  }

  /** A push to everyone in the conversation (the caller's own connection left out). */
  private pushTo<C extends PushCommand>(
    caller: CallerContext,
    view: ConversationView,
    cmd: C,
    data: PushDataOf<C>,
    c2cUsers: string[],
  ): void {
    const { sdkAppId } = view;
    if (view.isRoom) {
      this.delivery.publishRoom(sdkAppId, view.peer, cmd, data);
      return;
    }
    const run = async () => {
      const users =
        view.type === 'C2C'
          ? c2cUsers
          : (await this.groups.deliveryMembers(sdkAppId, view.peer))
              .filter((m) => m.msgFlag !== 'Discard')
              .map((m) => m.userId);
      const targets: PushTarget[] = users.map((userId) => ({
        sdkAppId,
        userId,
        ...pushOf(cmd, data),
        ...(userId === caller.callerId && caller.connId && { exceptConnId: caller.connId }),
      }));
      await this.delivery.push(targets);
    };
    void run().catch(() => undefined);
  }

  /** Edit a message: its sender (within the recall window) or the App admin. */
  async edit(caller: CallerContext, req: EditMessageRequest): Promise<void> {
    const view = await this.access.view(caller, req.convId);
    await this.editIn(caller, view, req.seq, req);
  }

  /** modify_c2c_msg. */
  async editByKey(caller: CallerContext, req: EditC2cByKeyRequest): Promise<void> {
    assertPrivileged(caller, ErrorCode.OpenimAdminRequired);
    const { view, message } = await this.findByKey(caller, req, EDIT_KEY_CODES);
    await this.editIn(caller, view, message.seq, req);
  }

  /**
   * modify_group_msg: the App admin edits a stored group message; members online get
   * `msg.modified`. An openim command, so refusals use the openim codes (20001, 90009, 93000).
   */
  async editGroupBySeq(caller: CallerContext, req: ModifyGroupMessageRequest): Promise<void> {
    assertPrivileged(caller, ErrorCode.OpenimAdminRequired);
    const view = await this.access.view(caller, ConversationIds.group(req.groupId));
    if (view.isRoom)
      throw new MessageError(
        ErrorCode.C2cInvalidPacket,
        `${view.group?.type} keeps no messages to modify`,
      );
    await this.editIn(caller, view, req.seq, req, 'C2C');
  }

  private async editIn(
    caller: CallerContext,
    view: ConversationView,
    seq: number,
    change: { body?: EditMessageRequest['body']; cloudCustomData?: string },
    codes: ConversationType = view.type,
  ): Promise<void> {
    if (change.body === undefined && change.cloudCustomData === undefined)
      throw MessageError.invalid(codes, 'give MsgBody or CloudCustomData');
    if (view.isRoom) throw MessageError.invalid(codes, 'live room messages cannot be edited');
    const message = await this.messages.findOne(view.sdkAppId, view.convId, seq);
    if (
      !message ||
      hasFlag(message, MessageFlags.deleted) ||
      (view.viewer && message.hiddenFrom === view.viewer)
    )
      throw MessageError.notFound(codes);
    if (hasFlag(message, MessageFlags.recalled))
      throw new MessageError(
        codes === 'C2C' ? ErrorCode.C2cInvalidPacket : ErrorCode.GroupMessageNotRecallable,
        'a recalled message cannot be edited',
      );
    if (!isPrivileged(caller) && message.fromId !== caller.callerId)
      throw MessageError.forbidden(codes, 'only the sender edits a message');
    let body = change.body;
    if (body) {
      const problem = checkBody(
        body,
        change.cloudCustomData ?? message.cloudCustomData ?? undefined,
      );
      if (problem)
        throw problem.kind === 'too-large'
          ? MessageError.tooLarge(codes, problem.message)
          : MessageError.layout(codes, problem.message);
      const settings = await this.settings.settingsOf(view.sdkAppId);
      body = await this.dirtyWords.filterBody(view.sdkAppId, body, settings.sensitiveWordAction);
    }
    const edited = await this.messages.updateContent(view.sdkAppId, view.convId, seq, {
      body,
      cloudCustomData: change.cloudCustomData,
      editedAt: nowSeconds(),
    });
    if (!edited) throw MessageError.notFound(codes);
    const chat: ChatMessage = toChatMessage(edited);
    this.pushTo(caller, view, PushCommands.MessageModified, chat, c2cUsers(edited));
  }

  /** delete_group_msg_by_sender. */
  async deleteGroupBySender(caller: CallerContext, req: DeleteGroupBySenderRequest): Promise<void> {
    assertPrivileged(caller, ErrorCode.GroupPermissionDenied);
    const view = await this.access.view(caller, ConversationIds.group(req.groupId));
    if (view.isRoom)
      throw new MessageError(
        ErrorCode.GroupTypeNoMessageDeletion,
        `${view.group?.type} keeps no messages to delete`,
      );
    await this.messages.markDeletedBySender(view.sdkAppId, view.convId, req.senderId);
  }

  private async findByKey(
    caller: CallerContext,
    req: C2cMessageKeyRequest,
    codes: KeyCodes,
  ): Promise<{ view: ConversationView; message: StoredMessage }> {
    const key = MsgKeys.parseC2c(req.msgKey);
    if (!key) throw new MessageError(codes.malformed, 'MsgKey is not a C2C MsgKey');
    const convId = ConversationIds.c2c(req.from, req.to);
    const view = await this.access.view(caller, convId);
    const found = (
      await this.messages.findByKey(caller.sdkAppId, convId, key.random, key.time)
    ).find(
      (m) =>
        m.fromId === req.from && m.clientSeq === key.clientSeq && !hasFlag(m, MessageFlags.deleted),
    );
    if (!found) throw new MessageError(codes.missing, 'no message with this MsgKey');
    return { view, message: found };
  }
}

/** recallIn's answer for a message that was recalled before (each caller has its code). */
const RECALLED_BEFORE = 'recalled-before' as const;

/** The codes of a MsgKey that is not one / that names no message. */
interface KeyCodes {
  malformed: number;
  missing: number;
}
const RECALL_KEY_CODES: KeyCodes = {
  malformed: ErrorCode.RecallMsgKeyInvalid,
  missing: ErrorCode.C2cRecallMessageNotFound,
};
const EDIT_KEY_CODES: KeyCodes = {
  malformed: ErrorCode.C2cInvalidPacket,
  missing: ErrorCode.C2cInvalidPacket,
};

function c2cUsers(m: StoredMessage): string[] {
  return [...new Set([m.fromId, m.toId])].filter((u) => u !== m.hiddenFrom);
}

function assertPrivileged(caller: CallerContext, code: number): void {
  if (!isPrivileged(caller)) throw new MessageError(code, 'for the App admin');
}
