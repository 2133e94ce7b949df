import { Injectable } from '@nestjs/common';

import { ConversationIds, ErrorCode, isPrivileged, PushCommands, pushOf } from '@im/contracts';
import type {
  CallerContext,
  DeleteC2cMessagesReply,
  DeleteC2cMessagesRequest,
} from '@im/contracts';
import { AccountsClient } from '@im/platform';

import { ConversationAccess, isVisible } from './conversation-access.service';
import type { ConversationView } from './conversation-access.service';
import { DeliveryService } from './delivery.service';
import { MessageError } from './message.errors';
import { MessageRepository } from './message.repository';
import { MsgKeys } from './msg-key.model';

/**
 * One-way deletion of C2C messages (openim/delete_c2c_msg_ramble): the listed messages leave
 * the operator's roaming (pulls, history, admin_getroammsg, conversation sync) while the peer
 * keeps them; the operator's online devices get `msg.deleted` (docs/protocol.md).
 */
@Injectable()
export class RoamingDeletionService {
  constructor(
    private readonly access: ConversationAccess,
    private readonly messages: MessageRepository,
    private readonly accounts: AccountsClient,
    private readonly delivery: DeliveryService,
  ) {}

  async deleteC2c(
    caller: CallerContext,
    req: DeleteC2cMessagesRequest,
  ): Promise<DeleteC2cMessagesReply> {
    if (!isPrivileged(caller))
      throw new MessageError(ErrorCode.OpenimAdminRequired, 'for the App admin');
    const { sdkAppId } = caller;
    const [userKnown, peerKnown] = await Promise.all([
      this.accounts.exists(sdkAppId, req.userId),
      this.accounts.exists(sdkAppId, req.peerId),
    ]);
    if (!userKnown)
      throw new MessageError(ErrorCode.FromAccountInvalid, `${req.userId} is not imported`);
    if (!peerKnown)
      throw new MessageError(ErrorCode.ToAccountInvalid, `${req.peerId} is not imported`);
    const convId = ConversationIds.c2c(req.userId, req.peerId);
    const view = await this.access.view(caller, convId, req.userId);
    const bySeq = new Map<number, string>();
    const invalid: string[] = [];
    for (const msgKey of new Set(req.msgKeys)) {
      const seq = await this.visibleSeq(view, msgKey);
      if (seq === undefined || bySeq.has(seq)) invalid.push(msgKey);
      else bySeq.set(seq, msgKey);
    }
    const changed = new Set(
      await this.messages.hideFrom(sdkAppId, convId, [...bySeq.keys()], req.userId),
    );
    // A key whose message changed under us (deleted meanwhile) did nothing: invalid too.
    for (const [seq, msgKey] of bySeq) if (!changed.has(seq)) invalid.push(msgKey);
    if (changed.size > 0) this.tell(sdkAppId, req.userId, convId, [...changed]);
    return { invalidMsgKeys: invalid };
  }

  /** The seq of the message a MsgKey names, when the operator can see it. */
  private async visibleSeq(view: ConversationView, msgKey: string): Promise<number | undefined> {
    const key = MsgKeys.parseC2c(msgKey);
    if (!key) return undefined;
    const found = await this.messages.findByKey(view.sdkAppId, view.convId, key.random, key.time);
    return found.find((m) => m.clientSeq === key.clientSeq && isVisible(view, m))?.seq;
  }

  /** `msg.deleted` to every device of the operator (the call came from the app's backend). */
  private tell(sdkAppId: number, userId: string, convId: string, seqs: number[]): void {
    const data = { convId, seqs: seqs.sort((a, b) => a - b) };
    void this.delivery
      .push([{ sdkAppId, userId, ...pushOf(PushCommands.MessagesDeleted, data) }])
      .catch(() => undefined);
  }
}
