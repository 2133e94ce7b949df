import { Inject, Injectable } from '@nestjs/common';

import { GroupBanLimits, GroupEvt, isPrivileged } from '@im/contracts';
import type {
  BanMembersRequest,
  CallerContext,
  GetBannedReply,
  GetBannedRequest,
  GroupAckReply,
  UnbanMembersRequest,
} from '@im/contracts';
import { PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { actorOf } from './group-actor.model';
import { GroupBanRepository } from './group-ban.repository';
import { banEnd, banTargets, nextBanOffset } from './group-ban.rules';
import { GroupError } from './group.errors';
import { groupEventBase } from './group-events.mapper';
import { GroupLoader } from './group-loader.service';
import { GroupMemberRepository } from './group-member.repository';
import { factNotification, memberChangeNotification } from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import { nowSeconds } from './group.rules';
import { GroupTransactions } from './group-transactions.db';
import { RoomMemberStore } from './room-member.store';

/**
 * Member bans (docs/rest-api.md, member ban commands), for every group type: the App admin
 * bans accounts for a duration — those in the group are removed (a `member-kicked` fact) and
 * none may join, be added or apply until the ban ends or is lifted; `member-banned` /
 * `member-unbanned` are told to the accounts concerned and to the members.
 */
@Injectable()
export class GroupBanService {
  constructor(
    private readonly loader: GroupLoader,
    private readonly groups: GroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly rooms: RoomMemberStore,
    private readonly bans: GroupBanRepository,
    private readonly writes: GroupTransactions,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** ban_group_member: App admin only. */
  async ban(caller: CallerContext, req: BanMembersRequest): Promise<GroupAckReply> {
    assertAdmin(caller);
    const { sdkAppId } = caller;
    const loaded = await this.loader.load(sdkAppId, req.groupId);
    const ids = banTargets(req.userIds, loaded.row.ownerId);
    const actor = actorOf(caller, req.operatorId);
    const now = nowSeconds();
    const bannedUntil = banEnd(now, req.durationSeconds);
    const description = req.description ?? '';
    const { caps } = loaded;
    if (caps.storage === 'table') {
      await this.writes.commit(async (tx) => {
        const { row } = await this.writes.locked(tx, loaded);
        await this.bans.upsertBans(sdkAppId, req.groupId, ids, bannedUntil, description, now, tx);
        const targets = await this.members.findMembers(sdkAppId, req.groupId, ids, tx);
        const removed = await this.members.deleteMembers(
          sdkAppId,
          req.groupId,
          [...targets.keys()],
          tx,
        );
        await this.groups.addMemberNum(sdkAppId, req.groupId, -removed.length, tx);
        if (removed.length)
          await this.writes.stage(tx, GroupEvt.MemberKicked, {
            ...groupEventBase(row, actor, memberChangeNotification(caps, row.isActive)),
            userIds: removed,
            reason: description,
          });
        await this.writes.stage(tx, GroupEvt.MemberBanned, {
          ...groupEventBase(row, actor, factNotification(row.isActive)),
          userIds: ids,
          bannedUntil,
          description,
        });
      }, loaded.row);
    } else {
      const { row } = loaded;
      await this.bans.upsertBans(sdkAppId, req.groupId, ids, bannedUntil, description, now);
      const removed = await this.rooms.leave(sdkAppId, req.groupId, ids);
      // The ban first: the room's sessions of the banned accounts hear it, then the gateways
      // stop the room's pushes to them (the removal after it no longer reaches them).
      await this.writes.publish(GroupEvt.MemberBanned, {
        ...groupEventBase(row, actor, factNotification(true)),
        userIds: ids,
        bannedUntil,
        description,
      });
      if (removed.length)
        await this.writes.publish(GroupEvt.MemberKicked, {
          ...groupEventBase(row, actor, memberChangeNotification(caps, true)),
          userIds: removed,
          reason: description,
        });
    }
    this.logger.info({ groupId: req.groupId, banned: ids.length }, 'members banned');
    return {};
  }

  /** unban_group_member: App admin only; accounts without a ban in force are ignored. */
  async unban(caller: CallerContext, req: UnbanMembersRequest): Promise<GroupAckReply> {
    assertAdmin(caller);
    const { sdkAppId } = caller;
    const loaded = await this.loader.load(sdkAppId, req.groupId);
    const ids = banTargets(req.userIds, null);
    const { row } = loaded;
    const event = (userIds: string[]) => ({
      ...groupEventBase(row, actorOf(caller, req.operatorId), factNotification(row.isActive)),
      userIds,
    });
    if (loaded.caps.storage === 'table') {
      await this.writes.commit(async (tx) => {
        const lifted = await this.bans.deleteBans(sdkAppId, req.groupId, ids, nowSeconds(), tx);
        if (lifted.length) await this.writes.stage(tx, GroupEvt.MemberUnbanned, event(lifted));
      }, row);
      return {};
    }
    const lifted = await this.bans.deleteBans(sdkAppId, req.groupId, ids, nowSeconds());
    if (lifted.length) await this.writes.publish(GroupEvt.MemberUnbanned, event(lifted));
    return {};
  }

  /** get_group_ban_member: App admin only; a page of the bans in force, oldest first. */
  async list(caller: CallerContext, req: GetBannedRequest): Promise<GetBannedReply> {
    assertAdmin(caller);
    await this.loader.load(caller.sdkAppId, req.groupId);
    const limit = req.limit ?? GroupBanLimits.pageDefault;
    const rows = await this.bans.findBansPage(
      caller.sdkAppId,
      req.groupId,
      nowSeconds(),
      req.offset,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      banned: page,
      nextOffset: nextBanOffset(req.offset, page.length, limit, rows.length > limit),
    };
  }
}

function assertAdmin(caller: CallerContext): void {
  if (!isPrivileged(caller)) throw GroupError.forbidden('bans are managed by the App admin');
}
