import { Injectable } from '@nestjs/common';

import { ConversationIds, ErrorCode, isPrivileged } from '@im/contracts';
import type {
  CallerContext,
  GroupUnreadAnchorReply,
  GroupUnreadAnchorRequest,
} from '@im/contracts';

import { ConversationRepository } from './conversation.repository';
import { MessageError } from './message.errors';
import { MessageRepository } from './message.repository';

/** A member's read position that leaves `unread` messages unread, as of a seq of the line. */
export interface UnreadPosition {
  readSeq: number;
  unread: number;
  /** The line's counted total the position stands for (groupUnread's second bound). */
  countedAtRead: number;
}

/**
 * Where a read position leaving `wanted` messages unread lies in a group line whose last seq is
 * `lastSeq` and counted total `countedTotal`, given the `wanted`-th candidate from the end
 * (its seq, 0 when there are fewer, and how many there are). `countedAtRead` may go below 0:
 * imported messages are candidates without being in the counted total, and the unread count
 * is `min(lastSeq - readSeq, countedTotal - countedAtRead)` (groupUnread), so the offset is
 * what keeps an explicit count over imports.
 */
export function unreadPosition(
  wanted: number,
  lastSeq: number,
  countedTotal: number,
  candidate: { seq: number; available: number },
): UnreadPosition {
  if (wanted === 0 || candidate.available === 0)
    return { readSeq: lastSeq, unread: 0, countedAtRead: countedTotal };
  const unread = candidate.seq > 0 ? wanted : candidate.available;
  const readSeq = candidate.seq > 0 ? candidate.seq - 1 : 0;
  return { readSeq, unread, countedAtRead: countedTotal - unread };
}

/**
 * Explicit unread counts of group members (set_unread_msg_num, import_group_member's
 * `UnreadMsgNum`), anchored on a seq of the group's line: "N unread as of seq S" is stored as
 * a read position below S, so the accounting of messages up to S — done before the answer —
 * cannot change it, and every message after S adds one. S is the line's last stored seq when
 * the count is taken, and a message is acknowledged only after it is stored in the line, so S
 * covers every message acknowledged before the count was asked for.
 */
@Injectable()
export class GroupUnreadService {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
  ) {}

  /** Read positions leaving each of `unreads` unread, against the group's line now. */
  async positions(
    sdkAppId: number,
    convId: string,
    unreads: number[],
  ): Promise<{ lastSeq: number; positions: UnreadPosition[] }> {
    const line = await this.conversations.findLine(sdkAppId, convId);
    const lastSeq = line?.lastSeq ?? 0;
    const total = line?.countedTotal ?? 0;
    const byCount = new Map<number, UnreadPosition>();
    for (const wanted of new Set(unreads)) {
      const candidate =
        wanted === 0 || lastSeq === 0
          ? { seq: 0, available: 0 }
          : await this.messages.nthUnreadCandidate(sdkAppId, convId, wanted, lastSeq);
      byCount.set(wanted, unreadPosition(wanted, lastSeq, total, candidate));
    }
    return { lastSeq, positions: unreads.map((n) => byCount.get(n)!) };
  }

  /** message.rpc.group-unread-anchor: for the group service (import_group_member). */
  async anchor(
    caller: CallerContext,
    req: GroupUnreadAnchorRequest,
  ): Promise<GroupUnreadAnchorReply> {
    if (!isPrivileged(caller))
      throw new MessageError(ErrorCode.GroupPermissionDenied, 'for platform services');
    const { lastSeq, positions } = await this.positions(
      caller.sdkAppId,
      ConversationIds.group(req.groupId),
      req.unreads,
    );
    return {
      lastSeq,
      readSeqs: positions.map((p) => p.readSeq),
      unreads: positions.map((p) => p.unread),
    };
  }

  /**
   * Imported members (a consumed `member-joined` with read positions taken as of `asOfSeq`):
   * their conversations start there with their unread counts. Messages stored after
   * `asOfSeq` — also those stored before the fact is consumed — count on top. A member whose
   * conversation already exists (a set_unread_msg_num or a read that came after the import)
   * keeps it: the fact is older than that write.
   */
  async joinImported(
    sdkAppId: number,
    groupId: string,
    members: { userId: string; readSeq: number; unread: number }[],
    asOfSeq: number,
  ): Promise<void> {
    if (members.length === 0) return;
    const convId = ConversationIds.group(groupId);
    const line = await this.conversations.findLine(sdkAppId, convId);
    const lastSeq = line?.lastSeq ?? 0;
    const countedAtAnchor =
      (line?.countedTotal ?? 0) -
      (await this.messages.countCounted(sdkAppId, convId, asOfSeq, lastSeq));
    await this.conversations.joinGroupAt(
      sdkAppId,
      convId,
      groupId,
      members.map((m) => ({
        userId: m.userId,
        readSeq: Math.min(m.readSeq, Math.max(asOfSeq, lastSeq)),
        countedAtRead: countedAtAnchor - m.unread,
      })),
    );
  }
}
