import { Injectable } from '@nestjs/common';

import { ErrorCode, GroupLimits, OfficialAccountLimits } from '@im/contracts';
import type {
  AllocateMsgSeqReply,
  AllocateMsgSeqRequest,
  CallerContext,
  DeliveryMembersReply,
  GetDeliveryMembersRequest,
  GetSendContextRequest,
  GroupTypeCapabilities,
  MsgFlag,
  SendContextReply,
} from '@im/contracts';

import { GroupError } from '../group.errors';
import { nowSeconds } from '../group.rules';
import { BUILTIN_CAPABILITIES } from '../group-types.rules';
import { OfficialAccountRepository } from './official-account.repository';

/** Whether a conversation's group ID names an official account. */
export function isOfficialAccountId(id: string): boolean {
  return id.startsWith(OfficialAccountLimits.idPrefix);
}

/**
 * The message service's questions about an official account's message line, answered as for
 * a Public group (docs/adr/0005-official-accounts.md): the App admin posts (a user, subscriber
 * or not, is refused 10007), every subscriber receives with their MsgFlag, the account keeps
 * NextMsgSeq and LastMsgTime; subscribers read the history from before they subscribed.
 */
@Injectable()
export class OfficialAccountMessaging {
  constructor(private readonly repo: OfficialAccountRepository) {}

  async getSendContext(
    caller: CallerContext,
    req: GetSendContextRequest,
  ): Promise<SendContextReply> {
    const [row] = await this.repo.findMany(caller.sdkAppId, [req.groupId]);
    if (!row) throw notFound(req.groupId);
    const subscriber = req.senderId
      ? await this.repo.findSubscriber(caller.sdkAppId, req.groupId, req.senderId)
      : undefined;
    return {
      groupId: row.officialAccountId,
      type: CAPABILITIES.type,
      capabilities: CAPABILITIES,
      ownerId: row.ownerAccount,
      isActive: true,
      muteAllMember: false,
      historyMsgBeforeJoin: true,
      nextMsgSeq: row.nextMsgSeq,
      createTime: row.createTime,
      sender: subscriber
        ? {
            role: 'Member',
            joinTime: subscriber.subscribeTime,
            muteUntil: 0,
            msgFlag: subscriber.msgFlag as MsgFlag,
            msgSeq: 0,
            nameCard: '',
          }
        : null,
      refusalCode: req.senderId ? ErrorCode.GroupPermissionDenied : 0,
      refusal: req.senderId ? 'only the App admin posts to an official account' : '',
    };
  }

  async getDeliveryMembers(
    caller: CallerContext,
    req: GetDeliveryMembersRequest,
  ): Promise<DeliveryMembersReply> {
    if ((await this.repo.findMany(caller.sdkAppId, [req.groupId])).length === 0)
      throw notFound(req.groupId);
    const limit = req.limit ?? GroupLimits.deliveryPageMax;
    const rows = await this.repo.findSubscribersPage(
      caller.sdkAppId,
      req.groupId,
      req.after ?? '',
      limit,
    );
    const page = rows.slice(0, limit);
    return {
      roomDelivery: false,
      isActive: true,
      members: page.map((r) => ({
        userId: r.userId,
        role: 'Member',
        msgFlag: r.msgFlag as MsgFlag,
      })),
      next: rows.length > limit ? page[page.length - 1].userId : null,
    };
  }

  async allocateMsgSeq(
    caller: CallerContext,
    req: AllocateMsgSeqRequest,
  ): Promise<AllocateMsgSeqReply> {
    const count = req.count ?? 1;
    const next = await this.repo.allocateSeqs(
      caller.sdkAppId,
      req.groupId,
      count,
      req.lastSeq,
      req.msgTime ?? nowSeconds(),
    );
    if (next === undefined) throw notFound(req.groupId);
    return { firstSeq: next - count, nextMsgSeq: next, activated: false };
  }
}

/** An official account's line is a Public group's as far as messages go. */
const CAPABILITIES: GroupTypeCapabilities = BUILTIN_CAPABILITIES.Public;

function notFound(id: string): GroupError {
  return new GroupError(ErrorCode.GroupNotFound, `official account ${id} does not exist`);
}
