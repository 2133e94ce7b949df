import { Injectable } from '@nestjs/common';

import { ErrorCode, isPrivileged, MessageEvt, PushCommands, pushOf } from '@im/contracts';
import type {
  CallerContext,
  ExtensionsChangedPushData,
  GetExtensionsReply,
  GetExtensionsRequest,
  SetExtensionsReply,
  SetExtensionsRequest,
} from '@im/contracts';

import { NatsBus } from '@im/platform';

import { ConversationAccess, isVisible } from './conversation-access.service';
import type { ConversationView } from './conversation-access.service';
import { DeliveryService } from './delivery.service';
import type { PushTarget } from './delivery.service';
import { ExtensionRepository } from './extension.repository';
import { hasRepeatedKeys, planExtensions, pullPage } from './extension.rules';
import { GroupClient } from './group.client';
import { MessageError } from './message.errors';
import { MessageRepository } from './message.repository';
import { MsgKeys } from './msg-key.model';
import { groupTakesReceipts } from './receipt.rules';
import { hasFlag, msgKeyOf, MessageFlags, nowSeconds } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

/**
 * Message extensions (Tencent's message extension): key/values of one message that members of
 * its conversation and the App admin set, delete and clear with compare-and-set per key; every
 * change is pushed to the conversation's members (`msg.ext-changed`). Member-list groups and
 * C2C only (as receipts: no live rooms, broadcast or Community groups).
 */
@Injectable()
export class ExtensionService {
  constructor(
    private readonly access: ConversationAccess,
    private readonly messages: MessageRepository,
    private readonly extensions: ExtensionRepository,
    private readonly groups: GroupClient,
    private readonly delivery: DeliveryService,
    private readonly bus: NatsBus,
  ) {}

  async setExtensions(
    caller: CallerContext,
    req: SetExtensionsRequest,
  ): Promise<SetExtensionsReply> {
    const { view, message } = await this.messageOf(caller, req);
    const items = req.items ?? [];
    if (req.operation !== 'clear' && items.length === 0)
      throw new MessageError(invalidCode(view), 'name at least one key');
    if (hasRepeatedKeys(items)) throw new MessageError(invalidCode(view), 'a key named twice');
    const plan = await this.extensions.update(
      view.sdkAppId,
      view.convId,
      message.seq,
      nowSeconds(),
      (state) => planExtensions(state, req.operation, items, isPrivileged(caller)),
    );
    if (plan.overLimit)
      throw new MessageError(invalidCode(view), 'a message holds at most 300 key/values');
    if (plan.changed)
      await this.tell(caller, view, message, {
        convId: view.convId,
        seq: message.seq,
        operation: req.operation,
        extensions: plan.results.filter((r) => r.code === 0).map((r) => r.extension),
        latestSeq: plan.latestSeq,
      });
    return { results: plan.results, latestSeq: plan.latestSeq };
  }

  async getExtensions(
    caller: CallerContext,
    req: GetExtensionsRequest,
  ): Promise<GetExtensionsReply> {
    const { view, message } = await this.messageOf(caller, req);
    const state = await this.extensions.find(view.sdkAppId, view.convId, message.seq);
    return {
      ...pullPage(state.keys.values(), req.startSeq ?? 0),
      latestSeq: state.latestSeq,
      clearSeq: state.clearSeq,
    };
  }

  /** The message named by seq or (C2C) by sender and MsgKey, in a conversation the caller sees. */
  private async messageOf(
    caller: CallerContext,
    req: { convId: string; seq?: number; msgKey?: string; from?: string },
  ): Promise<{ view: ConversationView; message: StoredMessage }> {
    const view = await this.access.view(caller, req.convId);
    if (!groupTakesReceipts(view))
      throw new MessageError(ErrorCode.GroupInvalidParameter, 'this group type has no extensions');
    let message: StoredMessage | undefined;
    if (req.seq !== undefined) {
      message = await this.messages.findOne(view.sdkAppId, view.convId, req.seq);
    } else if (req.msgKey !== undefined && view.type === 'C2C') {
      const key = MsgKeys.parseC2c(req.msgKey);
      if (key)
        message = (
          await this.messages.findByKey(view.sdkAppId, view.convId, key.random, key.time)
        ).find((m) => m.clientSeq === key.clientSeq && (!req.from || m.fromId === req.from));
    }
    if (!message || !isVisible(view, message) || hasFlag(message, MessageFlags.recalled))
      throw new MessageError(invalidCode(view), 'no such message');
    return { view, message };
  }

  /** `msg.ext-changed` to the conversation's members (the caller's own session left out). */
  private async tell(
    caller: CallerContext,
    view: ConversationView,
    message: StoredMessage,
    data: ExtensionsChangedPushData,
  ): Promise<void> {
    const users =
      view.type === 'C2C'
        ? [...new Set([message.fromId, message.toId])]
        : (await this.groups.deliveryMembers(view.sdkAppId, view.peer)).map((m) => m.userId);
    const targets: PushTarget[] = users.map((userId) => ({
      sdkAppId: view.sdkAppId,
      userId,
      ...pushOf(PushCommands.ExtensionsChanged, data),
      ...(userId === caller.callerId && caller.connId && { exceptConnId: caller.connId }),
    }));
    // Pushes are best effort (docs/protocol.md §8): the stored change stands either way.
    await this.delivery.push(targets).catch(() => undefined);
    this.bus.publishUnacked(MessageEvt.ExtensionsChanged, {
      sdkAppId: view.sdkAppId,
      ...data,
      ...(view.type === 'C2C' && {
        from: message.fromId,
        to: message.toId,
        msgKey: msgKeyOf(message),
      }),
    });
  }
}

function invalidCode(view: ConversationView): number {
  return view.type === 'GROUP' ? ErrorCode.GroupInvalidParameter : ErrorCode.C2cInvalidPacket;
}
