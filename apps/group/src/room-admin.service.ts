import { Injectable } from '@nestjs/common';

import {
  ErrorCode,
  isPrivileged,
  isValidUserId,
  ROOM_ADMINS_MAX,
  RoomMarkLimits,
} from '@im/contracts';
import type {
  CallerContext,
  GroupAckReply,
  GroupIdRequest,
  ModifyRoomAdminsRequest,
  RoomAdminsReply,
  CheckRoomMembersReply,
  CheckRoomMembersRequest,
  GetRoomMembersReply,
  GetRoomMembersRequest,
  ModifyRoomMemberMarksReply,
  ModifyRoomMemberMarksRequest,
} from '@im/contracts';

import { GroupError } from './group.errors';
import { GroupLoader } from './group-loader.service';
import type { LoadedGroup } from './group-loader.service';
import { distinct, nowSeconds } from './group.rules';
import { GroupTransactions } from './group-transactions.db';
import { RoomAdminRepository } from './room-admin.repository';
import { ProfileClient } from './profile.client';
import { RoomMemberStore } from './room-member.store';
import type { RoomMember } from './room-member.store';

/** Members get_members answers a page (Tencent: all up to 500, else pages). */
export const ROOM_MEMBERS_PAGE = 500;

/**
 * The App admin's commands on live rooms (`group_open_avchatroom_http_svc`, docs/rest-api.md
 * §7.32): the room's members, kept in Redis (RoomMemberStore), with their nick and avatar.
 */
@Injectable()
export class RoomAdminService {
  constructor(
    private readonly loader: GroupLoader,
    private readonly rooms: RoomMemberStore,
    private readonly profiles: ProfileClient,
    private readonly admins: RoomAdminRepository,
    private readonly writes: GroupTransactions,
  ) {}

  /**
   * modify_admin: `set` makes the accounts administrators (at most 5 in all, 10004; not
   * the owner), `unset` undoes it. They are Admins of the room whenever they are in it.
   */
  async modifyAdmins(caller: CallerContext, req: ModifyRoomAdminsRequest): Promise<GroupAckReply> {
    const loaded = await this.liveRoom(caller, req.groupId);
    const ids = distinct(req.userIds);
    const invalid = ids.find((u) => !isValidUserId(u));
    if (invalid !== undefined) throw GroupError.invalid('an Admin_Account is not a user ID');
    const { sdkAppId } = caller;
    if (req.op === 'unset') {
      await this.admins.deleteAdmins(sdkAppId, req.groupId, ids);
      return {};
    }
    if (loaded.row.ownerId && ids.includes(loaded.row.ownerId))
      throw GroupError.invalid('the owner is not made an administrator');
    await this.writes.commit(async (tx) => {
      await this.writes.locked(tx, loaded);
      const current = await this.admins.findAdmins(sdkAppId, req.groupId, tx);
      const after = new Set([...current, ...ids]);
      if (after.size > ROOM_ADMINS_MAX)
        throw new GroupError(
          ErrorCode.GroupInvalidParameter,
          `a live room has at most ${ROOM_ADMINS_MAX} administrators`,
        );
      await this.admins.insertAdmins(sdkAppId, req.groupId, ids, nowSeconds(), tx);
    }, loaded.row);
    return {};
  }

  /** get_admin_list: the administrators with their nick and avatar. */
  async getAdmins(caller: CallerContext, req: GroupIdRequest): Promise<RoomAdminsReply> {
    await this.liveRoom(caller, req.groupId);
    const ids = await this.admins.findAdmins(caller.sdkAppId, req.groupId);
    const profiles = await this.profiles.nickAndAvatar(caller.sdkAppId, ids);
    return {
      admins: ids.map((userId) => ({
        userId,
        nickName: profiles.get(userId)?.nickName ?? '',
        avatar: profiles.get(userId)?.avatar ?? '',
      })),
    };
  }

  /**
   * get_members: join order, 500 a page from after `timestamp` (a join time in ms); with `mark`
   * only the members carrying it. Members who joined in the same millisecond (a batch of joins)
   * stay on one page, which may then run past 500: the next page starts after that time.
   */
  async getMembers(
    caller: CallerContext,
    req: GetRoomMembersRequest,
  ): Promise<GetRoomMembersReply> {
    await this.liveRoom(caller, req.groupId);
    const { sdkAppId } = caller;
    const rows =
      req.mark === undefined
        ? await this.rooms.rangeAfter(sdkAppId, req.groupId, req.timestamp, ROOM_MEMBERS_PAGE + 1)
        : await this.markedAfter(sdkAppId, req.groupId, req.mark, req.timestamp);
    let page = rows.slice(0, ROOM_MEMBERS_PAGE);
    const more = rows.length > ROOM_MEMBERS_PAGE;
    const lastMs = page.length ? page[page.length - 1].joinedAtMs : 0;
    if (more && rows[ROOM_MEMBERS_PAGE].joinedAtMs === lastMs) {
      const run = new Set(
        req.mark === undefined
          ? (await this.rooms.joinedAt(sdkAppId, req.groupId, lastMs)).map((m) => m.userId)
          : rows.filter((m) => m.joinedAtMs === lastMs).map((m) => m.userId),
      );
      page = [
        ...page.filter((m) => m.joinedAtMs < lastMs),
        ...[...run].map((userId) => ({ userId, joinedAtMs: lastMs })),
      ];
    }
    const hasNext =
      more && (req.mark === undefined ? true : rows.some((m) => m.joinedAtMs > lastMs));
    const ids = page.map((m) => m.userId);
    const [profiles, marks] = await Promise.all([
      this.profiles.nickAndAvatar(sdkAppId, ids),
      this.rooms.marksOf(sdkAppId, req.groupId, ids),
    ]);
    return {
      members: page.map((m) => ({
        userId: m.userId,
        joinTime: Math.floor(m.joinedAtMs / 1000),
        nickName: profiles.get(m.userId)?.nickName ?? '',
        avatar: profiles.get(m.userId)?.avatar ?? '',
        ...(marks.has(m.userId) && { marks: marks.get(m.userId) }),
      })),
      nextTimestamp: hasNext ? lastMs : 0,
    };
  }

  /** Every member carrying `mark` who joined after `afterMs`, in join order (≤ 1,000 of them). */
  private async markedAfter(
    sdkAppId: number,
    groupId: string,
    mark: number,
    afterMs: number,
  ): Promise<RoomMember[]> {
    const holders = await this.rooms.markHolders(sdkAppId, groupId, mark);
    const joined = await this.rooms.joinTimes(sdkAppId, groupId, holders);
    return [...joined]
      .map(([userId, joinedAtMs]) => ({ userId, joinedAtMs }))
      .filter((m) => m.joinedAtMs > afterMs)
      .sort((a, b) => a.joinedAtMs - b.joinedAtMs || (a.userId < b.userId ? -1 : 1));
  }

  /**
   * modify_user_info: `set` adds the marks to each named member of the live room, `unset` takes
   * them off (marks are numbers ≥ 1000; at most 10 different ones per room and 1,000 members
   * per mark, 10004 past them, nothing changed). Accounts not in the room are passed over; the
   * answer names the members changed, with the marks asked. Marks go when the member leaves.
   */
  async modifyMarks(
    caller: CallerContext,
    req: ModifyRoomMemberMarksRequest,
  ): Promise<ModifyRoomMemberMarksReply> {
    await this.liveRoom(caller, req.groupId);
    const invalid = req.members.find((m) => !isValidUserId(m.userId));
    if (invalid) throw GroupError.invalid('a Member_Account is not a user ID');
    const asked = new Map<string, number[]>();
    for (const m of req.members)
      asked.set(m.userId, [...new Set([...(asked.get(m.userId) ?? []), ...m.marks])]);
    const entries = [...asked].map(([userId, marks]) => ({ userId, marks }));
    const outcome = await this.rooms.modifyMarks(caller.sdkAppId, req.groupId, req.op, entries, {
      marksPerRoom: RoomMarkLimits.marksPerRoomMax,
      membersPerMark: RoomMarkLimits.membersPerMarkMax,
    });
    if (!outcome.ok)
      throw new GroupError(
        ErrorCode.GroupInvalidParameter,
        outcome.limit === 'marksPerRoom'
          ? `a live room holds at most ${RoomMarkLimits.marksPerRoomMax} different marks`
          : `a mark is set on at most ${RoomMarkLimits.membersPerMarkMax} members`,
      );
    const changed = new Set(outcome.userIds);
    return { members: entries.filter((e) => changed.has(e.userId)) };
  }

  /** check_members: the asked users who are in the room, in the order asked. */
  async checkMembers(
    caller: CallerContext,
    req: CheckRoomMembersRequest,
  ): Promise<CheckRoomMembersReply> {
    await this.liveRoom(caller, req.groupId);
    const ids = distinct(req.userIds).filter(isValidUserId);
    const joined = await this.rooms.joinTimes(caller.sdkAppId, req.groupId, ids);
    return { userIds: ids.filter((u) => joined.has(u)) };
  }

  /** The App admin only (10007), a live room only (10007), the group must exist (10010). */
  private async liveRoom(caller: CallerContext, groupId: string): Promise<LoadedGroup> {
    if (!isPrivileged(caller)) throw GroupError.forbidden('for the App admin');
    const loaded = await this.loader.load(caller.sdkAppId, groupId);
    if (loaded.caps.baseType !== 'AVChatRoom')
      throw GroupError.forbidden(`a ${loaded.row.type} group is not a live room`);
    return loaded;
  }
}
