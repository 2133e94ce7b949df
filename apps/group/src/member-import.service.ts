import { Injectable } from '@nestjs/common';

import { ErrorCode, GroupEvt, MemberResults } from '@im/contracts';
import type {
  CallerContext,
  ImportMembersRequest,
  MemberResultsReply,
  NewGroupMember,
} from '@im/contracts';
import { AccountsClient, SensitiveWordsCache } from '@im/platform';

import { actorOf } from './group-actor.model';
import { GroupError } from './group.errors';
import { groupEventBase } from './group-events.mapper';
import { GroupLoader } from './group-loader.service';
import type { GroupScope } from './group-loader.service';
import { importedPositions, importRefusal, resultOf } from './group-member.rules';
import type { ImportedPosition } from './group-member.rules';
import { GroupRepository } from './group.repository';
import { applyMemberCustomData, nowSeconds } from './group.rules';
import type { NewMemberRow } from './group.schema';
import { GroupTransactions } from './group-transactions.db';
import { MemberAdmission } from './member-admission.service';
import { MessageUnreadClient } from './message-unread.client';

/**
 * import_group_member (GRP-60): App admin only; roles, join times and unread counts kept. A
 * `JoinTime` before the group's creation or in the future fails its item (10004). Read
 * positions — `UnreadMsgNum`, `MsgSeq` or everything read — are taken against messaging's
 * line of the group as it is now (MessageUnreadClient), which holds every message acknowledged
 * before this import, never against this service's NextMsgSeq, which hears of messages up to
 * a second late: NextMsgSeq is raised to that line in the same transaction, and the
 * `member-joined` fact carries the positions, so messaging starts the members' conversations
 * there (the outbox makes that survive a crash of either service).
 */
@Injectable()
export class MemberImportService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly loader: GroupLoader,
    private readonly admission: MemberAdmission,
    private readonly accounts: AccountsClient,
    private readonly writes: GroupTransactions,
    private readonly lines: MessageUnreadClient,
    private readonly sensitiveWords: SensitiveWordsCache,
  ) {}

  async importMembers(
    caller: CallerContext,
    req: ImportMembersRequest,
  ): Promise<MemberResultsReply> {
    const actor = actorOf(caller, req.operatorId);
    if (!actor.isAppAdmin) throw GroupError.forbidden('only the App admin imports members');
    const scope = await this.loader.scope(caller.sdkAppId, req.groupId, actor);
    const { caps, row } = scope;
    if (!caps.importAllowed) throw GroupError.forbidden(`${row.type} groups take no imports`);
    const seen = new Set<string>();
    const items = req.members.filter((m) => !seen.has(m.userId) && seen.add(m.userId));
    const now = nowSeconds();
    const refused = new Map<string, number>();
    const words = await this.sensitiveWords.matcherOf(caller.sdkAppId);
    for (const m of items) {
      const code = importRefusal(m, { ...caps, createTime: row.createTime }, now);
      if (code) refused.set(m.userId, code);
      // a name card with a sensitive word fails its member only (§9.1; MemberList[].Result 0)
      else if (m.nameCard && words.matches(m.nameCard)) refused.set(m.userId, ErrorCode.DirtyWords);
    }
    const missing = await this.accounts.missing(
      caller.sdkAppId,
      items.filter((m) => !refused.has(m.userId)).map((m) => m.userId),
    );
    const accepted = items.filter((m) => !refused.has(m.userId) && !missing.has(m.userId));
    const anchor = await this.lines.anchor(
      caller.sdkAppId,
      req.groupId,
      accepted.flatMap((m) => (m.unreadMsgNum === undefined ? [] : [m.unreadMsgNum])),
    );
    const positions = importedPositions(accepted, anchor);
    const rows = accepted.map((m) => this.rowOf(scope, m, positions.get(m.userId)!, now));
    const admission = await this.writes.commit(async (tx) => {
      await this.groups.raiseNextMsgSeq(caller.sdkAppId, req.groupId, anchor.lastSeq + 1, tx);
      return this.admission.admitToTable(tx, scope, rows, (added) =>
        this.writes.stage(tx, GroupEvt.MemberJoined, {
          ...groupEventBase(row, actor, 'none'),
          userIds: added,
          joinKind: 'imported',
          asOfSeq: anchor.lastSeq,
          readSeqs: added.map((u) => positions.get(u)!.readSeq),
          unreads: added.map((u) => positions.get(u)!.unread),
        }),
      );
    }, row);
    return {
      results: items.map((m) => {
        const code = refused.get(m.userId);
        if (code !== undefined) return { userId: m.userId, result: MemberResults.Failed, code };
        return resultOf(m.userId, admission, missing);
      }),
    };
  }

  private rowOf(
    scope: GroupScope,
    m: NewGroupMember,
    position: ImportedPosition,
    now: number,
  ): NewMemberRow {
    const { caps, row, settings } = scope;
    const fields = settings.memberFields(row.type);
    return {
      sdkAppId: row.sdkAppId,
      groupId: row.groupId,
      userId: m.userId,
      role: m.role ?? 'Member',
      joinTime: m.joinTime ?? now,
      msgFlag: m.msgFlag ?? caps.defaultMsgFlag,
      nameCard: m.nameCard ?? '',
      msgSeq: position.readSeq,
      lastSendMsgTime: m.lastSendMsgTime ?? 0,
      customData: applyMemberCustomData({}, m.customData ?? [], fields, 'AppAdmin', false).data,
    };
  }
}
