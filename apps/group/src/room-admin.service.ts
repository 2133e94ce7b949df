import { Injectable } from '@nestjs/common';

import { ErrorCode, isPrivileged, isValidUserId, ROOM_ADMINS_MAX } from '@im/contracts';
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
} from '@im/contracts';

import { GroupError } from './group.errors';
import { GroupLoader } from './group-loader.service';
import type { LoadedGroup } from './group-loader.service';
import { distinct, nowSeconds } from './group.rules';
import { GroupTransactions } from './group-transactions.db';
import { RoomAdminRepository } from './room-admin.repository';
import { ProfileClient } from './profile.client';
import { RoomMemberStore } from './room-member.store';

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

  /** get_members: join order, 500 a page from after `timestamp` (a join time in ms). */
  async getMembers(
    caller: CallerContext,
    req: GetRoomMembersRequest,
  ): Promise<GetRoomMembersReply> {
    await this.liveRoom(caller, req.groupId);
    const rows = await this.rooms.rangeAfter(
      caller.sdkAppId,
      req.groupId,
      req.timestamp,
      ROOM_MEMBERS_PAGE + 1,
    );
    const page = rows.slice(0, ROOM_MEMBERS_PAGE);
    const profiles = await this.profiles.nickAndAvatar(
      caller.sdkAppId,
      page.map((m) => m.userId),
    );
    return {
      members: page.map((m) => ({
        userId: m.userId,
        joinTime: Math.floor(m.joinedAtMs / 1000),
        nickName: profiles.get(m.userId)?.nickName ?? '',
        avatar: profiles.get(m.userId)?.avatar ?? '',
      })),
      nextTimestamp: rows.length > ROOM_MEMBERS_PAGE ? page[page.length - 1].joinedAtMs : 0,
    };
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
