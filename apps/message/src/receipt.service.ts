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
  CallerContext,
  GroupReceiptCount,
  GroupReceiptMembersReply,
  GroupReceiptMembersRequest,
  GroupReceiptsReply,
  GroupReceiptsRequest,
  ReceiptPushData,
  SendReceiptsReply,
  SendReceiptsRequest,
} from '@im/contracts';
import { AccountsClient, NatsBus } from '@im/platform';

import { ConversationAccess } from './conversation-access.service';
import type { ConversationView } from './conversation-access.service';
import { DeliveryService } from './delivery.service';
import type { PushTarget } from './delivery.service';
import { GroupClient } from './group.client';
import { MessageError } from './message.errors';
import { MessageRepository } from './message.repository';
import { MsgKeys } from './msg-key.model';
import { ReceiptRepository } from './receipt.repository';
import {
  compareIds,
  groupTakesReceipts,
  pageAfter,
  receiptCount,
  receiptTargets,
  seqsBySender,
  unreadMembers,
} from './receipt.rules';
import { hasFlag, MessageFlags, nowSeconds } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

/**
 * Read receipts of single messages (as Tencent's message read receipts): a reader tells the
 * sender it read these messages; the sender's devices get `msg.receipt` (in a group with the
 * new read / unread counts); counts and the read / unread member lists of a group message are
 * answered from the receipts and the group's members now — no cap on the group's size.
 */
@Injectable()
export class ReceiptService {
  constructor(
    private readonly access: ConversationAccess,
    private readonly messages: MessageRepository,
    private readonly receipts: ReceiptRepository,
    private readonly groups: GroupClient,
    private readonly accounts: AccountsClient,
    private readonly delivery: DeliveryService,
    private readonly bus: NatsBus,
  ) {}

  /**
   * Records the caller's (a user) or `userId`'s (the App admin) receipts. Messages it may not
   * send a receipt for (its own, recalled, unknown seqs) are skipped; MsgKeys must each name a
   * message of the conversation (20001 otherwise).
   */
  async sendReceipts(caller: CallerContext, req: SendReceiptsRequest): Promise<SendReceiptsReply> {
    const isGroup = req.convId.startsWith('group:');
    if (isPrivileged(caller) && !req.userId)
      throw new MessageError(invalidCode(isGroup), 'the App admin names the reader');
    const view = await this.access.view(caller, req.convId, req.userId);
    const reader = view.viewer;
    if (!reader) throw new MessageError(invalidCode(isGroup), 'receipts are sent by a user');
    if (isPrivileged(caller) && view.type === 'C2C') {
      const existing = await this.accounts.existing(caller.sdkAppId, [reader, view.peer]);
      for (const userId of [reader, view.peer])
        if (!existing.has(userId))
          throw new MessageError(ErrorCode.ToAccountNotImported, `${userId} is not imported`);
    }
    this.assertReceipts(view);
    const messages = req.msgKeys
      ? await this.byKeys(view, req.msgKeys)
      : await this.messages.findBySeqs(view.sdkAppId, view.convId, unique(req.seqs ?? []));
    const targets = receiptTargets(view, reader, messages);
    const time = nowSeconds();
    const added = new Set(
      await this.receipts.insertReceipts(
        view.sdkAppId,
        view.convId,
        reader,
        targets.map((m) => m.seq),
        time,
      ),
    );
    const fresh = targets.filter((m) => added.has(m.seq));
    if (fresh.length > 0) await this.tell(view, reader, fresh, time);
    return { seqs: targets.map((m) => m.seq).sort((a, b) => a - b) };
  }

  /** get_group_msg_receipt: read / unread counts per message (unknown seqs left out). */
  async groupReceipts(
    caller: CallerContext,
    req: GroupReceiptsRequest,
  ): Promise<GroupReceiptsReply> {
    const view = await this.access.view(caller, ConversationIds.group(req.groupId));
    this.assertReceipts(view);
    const messages = (
      await this.messages.findBySeqs(view.sdkAppId, view.convId, unique(req.seqs))
    ).filter((m) => !hasFlag(m, MessageFlags.deleted));
    return { receipts: await this.countsOf(view, messages) };
  }

  /**
   * get_group_msg_receipt_detail: a page of who read (or did not read) a message, user-ID
   * order. Users ask of their own messages; the App admin of any.
   */
  async groupReceiptMembers(
    caller: CallerContext,
    req: GroupReceiptMembersRequest,
  ): Promise<GroupReceiptMembersReply> {
    const view = await this.access.view(caller, ConversationIds.group(req.groupId));
    this.assertReceipts(view);
    const message = await this.messages.findOne(view.sdkAppId, view.convId, req.seq);
    if (!message || hasFlag(message, MessageFlags.deleted))
      throw new MessageError(ErrorCode.GroupInvalidParameter, 'no message with this seq');
    if (!isPrivileged(caller) && message.fromId !== caller.callerId)
      throw new MessageError(ErrorCode.GroupPermissionDenied, 'receipts are for the sender');
    const [members, readers] = await Promise.all([
      this.memberIds(view),
      this.receipts.findReaders(view.sdkAppId, view.convId, req.seq),
    ]);
    readers.sort(compareIds);
    const list = req.filter === 'read' ? readers : unreadMembers(members, message.fromId, readers);
    return {
      ...pageAfter(list, req.cursor, req.count),
      ...receiptCount(members, message.fromId, readers.length),
    };
  }

  private assertReceipts(view: ConversationView): void {
    if (!groupTakesReceipts(view))
      throw new MessageError(
        ErrorCode.GroupInvalidParameter,
        'this group type takes no read receipts',
      );
  }

  /** C2C MsgKeys, each naming a message the peer sent to the reader. */
  private async byKeys(view: ConversationView, msgKeys: string[]): Promise<StoredMessage[]> {
    if (view.type !== 'C2C')
      throw new MessageError(ErrorCode.GroupInvalidParameter, 'group messages are named by seq');
    const found: StoredMessage[] = [];
    for (const msgKey of unique(msgKeys)) {
      const key = MsgKeys.parseC2c(msgKey);
      if (!key) throw new MessageError(ErrorCode.C2cInvalidPacket, 'not a C2C MsgKey');
      const message = (
        await this.messages.findByKey(view.sdkAppId, view.convId, key.random, key.time)
      ).find(
        (m) =>
          m.fromId === view.peer &&
          m.clientSeq === key.clientSeq &&
          !hasFlag(m, MessageFlags.deleted),
      );
      if (!message)
        throw new MessageError(ErrorCode.C2cInvalidPacket, 'no message with this MsgKey');
      found.push(message);
    }
    return found;
  }

  private async countsOf(
    view: ConversationView,
    messages: StoredMessage[],
  ): Promise<GroupReceiptCount[]> {
    if (messages.length === 0) return [];
    const [members, read] = await Promise.all([
      this.memberIds(view),
      this.receipts.countReaders(
        view.sdkAppId,
        view.convId,
        messages.map((m) => m.seq),
      ),
    ]);
    return [...messages]
      .sort((a, b) => a.seq - b.seq)
      .map((m) => ({ seq: m.seq, ...receiptCount(members, m.fromId, read.get(m.seq) ?? 0) }));
  }

  private async memberIds(view: ConversationView): Promise<string[]> {
    return (await this.groups.deliveryMembers(view.sdkAppId, view.peer)).map((m) => m.userId);
  }

  /** `msg.receipt` to each sender's devices (a sender may be offline: nothing is kept). */
  private async tell(
    view: ConversationView,
    reader: string,
    messages: StoredMessage[],
    time: number,
  ): Promise<void> {
    // The counts come from the group's members: without them the push still goes, bare.
    const counts =
      view.type === 'GROUP'
        ? await this.countsOf(view, messages)
            .then((list) => new Map(list.map((c) => [c.seq, c])))
            .catch(() => undefined)
        : undefined;
    const targets: PushTarget[] = [];
    for (const [sender, seqs] of seqsBySender(messages)) {
      const data: ReceiptPushData = { convId: view.convId, userId: reader, seqs, time };
      if (counts) data.counts = seqs.flatMap((s) => counts.get(s) ?? []);
      targets.push({
        sdkAppId: view.sdkAppId,
        userId: sender,
        ...pushOf(PushCommands.MessageReceipt, data),
      });
    }
    // Pushes are best effort (docs/protocol.md §8): the stored change stands either way.
    await this.delivery.push(targets).catch(() => undefined);
    this.bus.publishUnacked(MessageEvt.ReceiptsSent, {
      sdkAppId: view.sdkAppId,
      convId: view.convId,
      userId: reader,
      seqs: messages.map((m) => m.seq).sort((a, b) => a - b),
      ...(counts && { counts: [...counts.values()] }),
      ...(view.group && { groupType: view.group.type }),
    });
  }
}

function invalidCode(isGroup: boolean): number {
  return isGroup ? ErrorCode.GroupInvalidParameter : ErrorCode.C2cInvalidPacket;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
