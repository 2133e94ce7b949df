import { Inject, Injectable } from '@nestjs/common';

import { GroupEvt, GroupLimits, isPrivileged } from '@im/contracts';
import type {
  AllocateMsgSeqReply,
  AllocateMsgSeqRequest,
  CallerContext,
  DeliveryMembersReply,
  GetDeliveryMembersRequest,
  GetSendContextRequest,
  SendContextReply,
  SetReadSeqReply,
  SetReadSeqRequest,
} from '@im/contracts';
import { EventOutbox } from '@im/platform';

import type { Actor } from './group-actor.model';
import type { GroupDb } from './group.db';
import { GroupError } from './group.errors';
import { groupEventBase } from './group-events.mapper';
import { GroupLoader } from './group-loader.service';
import { GroupMemberRepository } from './group-member.repository';
import { factNotification, sendVerdict } from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import { nowSeconds } from './group.rules';
import { GROUP_DB } from './group.tokens';
import { historyBeforeJoin } from './group-views.mapper';
import {
  isOfficialAccountId,
  OfficialAccountMessaging,
} from './official-account/official-account-messaging.service';
import { isTopicId, TopicMessaging } from './topic/topic-messaging.service';

/**
 * What the messaging service needs of groups: may this sender post, who gets a message, the
 * next seqs, read positions. Only platform services and the App admin call these.
 */
@Injectable()
export class GroupMessagingService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly loader: GroupLoader,
    private readonly outbox: EventOutbox,
    @Inject(GROUP_DB) private readonly db: GroupDb,
    private readonly officialAccounts: OfficialAccountMessaging,
    private readonly topics: TopicMessaging,
  ) {}

  /** Membership, role, mute, MsgFlag and read seq of the sender, with the verdict (T19, T20). */
  async getSendContext(
    caller: CallerContext,
    req: GetSendContextRequest,
  ): Promise<SendContextReply> {
    assertTrusted(caller);
    if (isOfficialAccountId(req.groupId)) return this.officialAccounts.getSendContext(caller, req);
    if (isTopicId(req.groupId)) return this.topics.getSendContext(caller, req);
    const loaded = await this.loader.load(caller.sdkAppId, req.groupId);
    const { row, caps } = loaded;
    const member = req.senderId
      ? ((await this.loader.membersOf(loaded, [req.senderId])).get(req.senderId) ?? null)
      : null;
    const verdict = sendVerdict(caps, !req.senderId, member, row.muteAll, nowSeconds());
    return {
      groupId: row.groupId,
      type: row.type,
      capabilities: caps,
      ownerId: row.ownerId,
      isActive: row.isActive,
      muteAllMember: row.muteAll,
      historyMsgBeforeJoin: historyBeforeJoin(row, caps),
      nextMsgSeq: row.nextMsgSeq,
      createTime: row.createTime,
      sender: member
        ? {
            role: member.role,
            joinTime: member.joinTime,
            muteUntil: member.muteUntil,
            msgFlag: member.msgFlag,
            msgSeq: member.msgSeq,
            nameCard: member.nameCard,
          }
        : null,
      refusalCode: verdict.code,
      refusal: verdict.message,
    };
  }

  /** Members with their MsgFlag, by user ID, paged; room groups are delivered by room subject. */
  async getDeliveryMembers(
    caller: CallerContext,
    req: GetDeliveryMembersRequest,
  ): Promise<DeliveryMembersReply> {
    assertTrusted(caller);
    if (isOfficialAccountId(req.groupId))
      return this.officialAccounts.getDeliveryMembers(caller, req);
    if (isTopicId(req.groupId)) return this.topics.getDeliveryMembers(caller, req);
    const loaded = await this.loader.load(caller.sdkAppId, req.groupId);
    if (loaded.caps.storage === 'room')
      return { roomDelivery: true, isActive: true, members: [], next: null };
    const limit = req.limit ?? GroupLimits.deliveryPageMax;
    const rows = await this.members.pageByUserId(caller.sdkAppId, req.groupId, req.after, limit);
    return {
      roomDelivery: false,
      isActive: loaded.row.isActive,
      members: rows.map((r) => ({ userId: r.userId, role: r.role, msgFlag: r.msgFlag })),
      next: rows.length === limit ? rows[rows.length - 1].userId : null,
    };
  }

  /** Takes the next seqs (GRP-17), moves LastMsgTime, activates a Private group (T18). */
  async allocateMsgSeq(
    caller: CallerContext,
    req: AllocateMsgSeqRequest,
  ): Promise<AllocateMsgSeqReply> {
    assertTrusted(caller);
    if (isOfficialAccountId(req.groupId)) return this.officialAccounts.allocateMsgSeq(caller, req);
    if (isTopicId(req.groupId)) return this.topics.allocateMsgSeq(caller, req);
    const loaded = await this.loader.load(caller.sdkAppId, req.groupId);
    const count = req.count ?? 1;
    const msgTime = req.msgTime ?? nowSeconds();
    const senderId = req.senderId ?? null;
    return this.outbox.commit(this.db, async (tx) => {
      const allocation = await this.groups.allocateSeqs(
        caller.sdkAppId,
        req.groupId,
        { count, lastSeq: req.lastSeq },
        msgTime,
        senderId,
        tx,
      );
      if (!allocation) throw GroupError.notFound(req.groupId);
      if (senderId && loaded.caps.storage === 'table')
        await this.members.touchLastSend(caller.sdkAppId, req.groupId, senderId, msgTime, tx);
      if (allocation.activated) {
        const actor: Actor = senderId
          ? { isAppAdmin: false, userId: senderId, operatorId: senderId }
          : { isAppAdmin: true, userId: null, operatorId: caller.callerId };
        await this.outbox.stage(tx, GroupEvt.Activated, {
          ...groupEventBase(loaded.row, actor, factNotification(true)),
        });
      }
      return {
        firstSeq: allocation.nextMsgSeq - count,
        nextMsgSeq: allocation.nextMsgSeq,
        activated: allocation.activated,
      };
    });
  }

  /**
   * Sets or advances a member's read seq (MSG-20). Room groups keep no per-member record, so
   * they refuse (10007); a user may move only their own. With `asOfSeq` (messaging's line the
   * position was taken against) NextMsgSeq is raised to it first and the position clamped to
   * it: NextMsgSeq may not have heard of the last messages yet, and clamping to it would turn
   * a set unread count into a larger one once it does.
   */
  async setReadSeq(caller: CallerContext, req: SetReadSeqRequest): Promise<SetReadSeqReply> {
    if (!isPrivileged(caller) && caller.callerId !== req.userId)
      throw GroupError.forbidden('a user moves only their own read position');
    if (isTopicId(req.groupId)) return this.topics.setReadSeq(caller, req);
    const loaded = await this.loader.load(caller.sdkAppId, req.groupId);
    if (loaded.caps.storage === 'room')
      throw GroupError.forbidden(`${loaded.row.type} groups keep no read position`);
    const asOf = req.asOfSeq ?? 0;
    if (asOf > 0) await this.groups.raiseNextMsgSeq(caller.sdkAppId, req.groupId, asOf + 1);
    const msgSeq = await this.members.setReadSeq(
      caller.sdkAppId,
      req.groupId,
      req.userId,
      req.msgSeq,
      Math.max(loaded.row.nextMsgSeq - 1, asOf),
      req.mode,
    );
    if (msgSeq === undefined) throw GroupError.invalid(`${req.userId} is not a member`);
    return { msgSeq };
  }
}

function assertTrusted(caller: CallerContext): void {
  if (!isPrivileged(caller)) throw GroupError.forbidden('for platform services only');
}
