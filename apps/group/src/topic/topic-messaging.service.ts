import { Injectable } from '@nestjs/common';

import { ErrorCode, GroupLimits, groupIdOfTopic, isTopicId } from '@im/contracts';
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

import { GroupError } from '../group.errors';
import { GroupLoader } from '../group-loader.service';
import type { LoadedGroup } from '../group-loader.service';
import { GroupMemberRepository } from '../group-member.repository';
import { sendVerdict } from '../group-permissions.rules';
import { nowSeconds } from '../group.rules';
import type { TopicRow } from '../group.schema';
import { historyBeforeJoin } from '../group-views.mapper';
import { GroupTopicRepository } from './group-topic.repository';

export { isTopicId };

/**
 * The message service's questions about a topic's message line (the topic ID is the line's
 * group ID): who may post and who receives are the Community's members (the topic's
 * MuteAllMember on top of the group's), the seqs and LastMsgTime are the topic's own.
 */
@Injectable()
export class TopicMessaging {
  constructor(
    private readonly loader: GroupLoader,
    private readonly members: GroupMemberRepository,
    private readonly topics: GroupTopicRepository,
  ) {}

  async getSendContext(
    caller: CallerContext,
    req: GetSendContextRequest,
  ): Promise<SendContextReply> {
    const { loaded, topic } = await this.load(caller.sdkAppId, req.groupId);
    const { row, caps } = loaded;
    const member = req.senderId
      ? ((await this.loader.membersOf(loaded, [req.senderId])).get(req.senderId) ?? null)
      : null;
    const muteAll = row.muteAll || topic.muteAll;
    const verdict = sendVerdict(caps, !req.senderId, member, muteAll, nowSeconds());
    return {
      groupId: topic.topicId,
      type: row.type,
      capabilities: caps,
      ownerId: row.ownerId,
      isActive: true,
      muteAllMember: muteAll,
      historyMsgBeforeJoin: historyBeforeJoin(row, caps),
      nextMsgSeq: topic.nextMsgSeq,
      createTime: topic.createTime,
      sender: member
        ? {
            role: member.role,
            joinTime: member.joinTime,
            muteUntil: member.muteUntil,
            msgFlag: member.msgFlag,
            msgSeq: 0,
            nameCard: member.nameCard,
          }
        : null,
      refusalCode: verdict.code,
      refusal: verdict.message,
    };
  }

  async getDeliveryMembers(
    caller: CallerContext,
    req: GetDeliveryMembersRequest,
  ): Promise<DeliveryMembersReply> {
    const { loaded } = await this.load(caller.sdkAppId, req.groupId);
    const limit = req.limit ?? GroupLimits.deliveryPageMax;
    const rows = await this.members.pageByUserId(
      caller.sdkAppId,
      loaded.row.groupId,
      req.after,
      limit,
    );
    return {
      roomDelivery: false,
      isActive: true,
      members: rows.map((r) => ({ userId: r.userId, role: r.role, msgFlag: r.msgFlag })),
      next: rows.length === limit ? rows[rows.length - 1].userId : null,
    };
  }

  async allocateMsgSeq(
    caller: CallerContext,
    req: AllocateMsgSeqRequest,
  ): Promise<AllocateMsgSeqReply> {
    const count = req.count ?? 1;
    const next = await this.topics.allocateSeqs(
      caller.sdkAppId,
      req.groupId,
      count,
      req.lastSeq,
      req.msgTime ?? nowSeconds(),
    );
    if (next === undefined) throw topicNotFound(req.groupId);
    return { firstSeq: next - count, nextMsgSeq: next, activated: false };
  }

  /**
   * A member's read position in a topic is kept by the message service's line alone (the group
   * service keeps MsgSeq for the group's own line): checked to be a member's, then echoed.
   */
  async setReadSeq(caller: CallerContext, req: SetReadSeqRequest): Promise<SetReadSeqReply> {
    const { loaded } = await this.load(caller.sdkAppId, req.groupId);
    const member = (await this.loader.membersOf(loaded, [req.userId])).get(req.userId);
    if (!member) throw GroupError.invalid(`${req.userId} is not a member`);
    return { msgSeq: req.msgSeq };
  }

  /** The topic and its Community; 10010 when either does not exist. */
  private async load(
    sdkAppId: number,
    topicId: string,
  ): Promise<{ loaded: LoadedGroup; topic: TopicRow }> {
    const loaded = await this.loader.load(sdkAppId, groupIdOfTopic(topicId));
    const topic = await this.topics.findTopic(sdkAppId, topicId);
    if (!topic || topic.groupId !== loaded.row.groupId) throw topicNotFound(topicId);
    return { loaded, topic };
  }
}

function topicNotFound(topicId: string): GroupError {
  return new GroupError(ErrorCode.GroupNotFound, `topic ${topicId} does not exist`);
}
