import { Injectable } from '@nestjs/common';

import type {
  CallerContext,
  GroupMemberView,
  GroupRole,
  GroupTypeCapabilities,
} from '@im/contracts';

import { actorOf } from './group-actor.model';
import type { Actor } from './group-actor.model';
import { GroupError } from './group.errors';
import { GroupMemberRepository } from './group-member.repository';
import { actorRank, memberFieldAllows, memberListAccess } from './group-permissions.rules';
import { BUILTIN_CAPABILITIES } from './group-types.rules';
import type { ActorRank } from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import { isPossibleGroupId, readableCustomData } from './group.rules';
import type { GroupRow, MemberRow } from './group.schema';
import { GroupSettingsReader } from './group-settings.reader';
import type { GroupSettings } from './group-settings.reader';
import { RoomAdminRepository } from './room-admin.repository';
import { RoomMemberStore } from './room-member.store';
import { toMemberView } from './group-views.mapper';

/** A group with its type's capabilities and the app's settings. */
export interface LoadedGroup {
  row: GroupRow;
  caps: GroupTypeCapabilities;
  settings: GroupSettings;
}

/** A loaded group seen by one actor: their rank and member record. */
export interface GroupScope extends LoadedGroup {
  actor: Actor;
  rank: ActorRank;
  self: MemberRow | null;
}

/**
 * Reads groups and members whatever their storage: table-stored members from PostgreSQL,
 * room-stored ones (AVChatRoom, BChatRoom) from Redis, both as member rows.
 */
@Injectable()
export class GroupLoader {
  private readonly loading = new Map<string, Promise<LoadedGroup>>();

  constructor(
    private readonly groups: GroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly rooms: RoomMemberStore,
    private readonly settingsReader: GroupSettingsReader,
    private readonly roomAdmins: RoomAdminRepository,
  ) {}

  settingsOf(sdkAppId: number): Promise<GroupSettings> {
    return this.settingsReader.settingsOf(sdkAppId);
  }

  /** The type's row; a custom type the app no longer declares falls back to its base. */
  capsOf(settings: GroupSettings, row: Pick<GroupRow, 'type' | 'baseType'>): GroupTypeCapabilities {
    const caps = settings.types.get(row.type);
    return caps && caps.baseType === row.baseType ? caps : BUILTIN_CAPABILITIES[row.baseType];
  }

  /** The group, or 10015 (not a possible ID) / 10010 (no such group). */
  async load(sdkAppId: number, groupId: string): Promise<LoadedGroup> {
    if (!isPossibleGroupId(groupId)) throw GroupError.invalidGroupId(`invalid group ID ${groupId}`);
    const [row, settings] = await Promise.all([
      this.groups.findGroup(sdkAppId, groupId),
      this.settingsOf(sdkAppId),
    ]);
    if (!row) throw GroupError.notFound(groupId);
    return { row, caps: this.capsOf(settings, row), settings };
  }

  /**
   * `load`, shared by the requests of one group that arrive while a load of it is under way:
   * a burst of viewers entering a live room costs one group read, and their joins reach the
   * `RoomJoinBatcher` in the same turn. For the join path only: what it reads may have been
   * asked a moment before the request arrived (as any read racing a change may be).
   */
  loadShared(sdkAppId: number, groupId: string): Promise<LoadedGroup> {
    const key = `${sdkAppId}:${groupId}`;
    const running = this.loading.get(key);
    if (running) return running;
    const load = this.load(sdkAppId, groupId).finally(() => this.loading.delete(key));
    this.loading.set(key, load);
    return load;
  }

  /** The group as the actor sees it. */
  async scope(sdkAppId: number, groupId: string, actor: Actor): Promise<GroupScope> {
    return this.scopeOf(await this.load(sdkAppId, groupId), actor);
  }

  /** The group a request names as its caller (or the user it acts as, `operatorId`) sees it. */
  scopeFor(
    caller: CallerContext,
    req: { groupId: string; operatorId?: string },
  ): Promise<GroupScope> {
    return this.scope(caller.sdkAppId, req.groupId, actorOf(caller, req.operatorId));
  }

  async scopeOf(loaded: LoadedGroup, actor: Actor): Promise<GroupScope> {
    const self = actor.userId
      ? ((await this.membersOf(loaded, [actor.userId])).get(actor.userId) ?? null)
      : null;
    return { ...loaded, actor, rank: actorRank(actor.isAppAdmin, self?.role ?? null), self };
  }

  /** Member rows of the given users that are members. */
  async membersOf(
    loaded: LoadedGroup,
    userIds: readonly string[],
  ): Promise<Map<string, MemberRow>> {
    const { row, caps } = loaded;
    if (caps.storage === 'table')
      return this.members.findMembers(row.sdkAppId, row.groupId, userIds);
    const ids = [...new Set(userIds)];
    const [joined, muted, cards, admins] = await Promise.all([
      this.rooms.joinTimes(row.sdkAppId, row.groupId, ids),
      this.rooms.muteUntil(row.sdkAppId, row.groupId, ids),
      this.rooms.cards(row.sdkAppId, row.groupId, ids),
      this.roomAdminsOf(loaded),
    ]);
    const out = new Map<string, MemberRow>();
    for (const userId of ids) {
      const isOwner = row.ownerId === userId;
      const joinedAtMs = joined.get(userId) ?? (isOwner ? row.createTime * 1000 : undefined);
      if (joinedAtMs === undefined) continue;
      out.set(
        userId,
        this.roomMember(
          loaded,
          userId,
          joinedAtMs,
          muted.get(userId) ?? 0,
          cards.get(userId),
          admins.has(userId),
        ),
      );
    }
    return out;
  }

  /** A room member as a member row (no read seq, no custom fields in rooms). */
  roomMember(
    loaded: LoadedGroup,
    userId: string,
    joinedAtMs: number,
    muteUntil: number,
    card?: { nameCard?: string; msgFlag?: MemberRow['msgFlag'] },
    isAdmin = false,
  ): MemberRow {
    return {
      sdkAppId: loaded.row.sdkAppId,
      groupId: loaded.row.groupId,
      userId,
      role: loaded.row.ownerId === userId ? 'Owner' : isAdmin ? 'Admin' : 'Member',
      joinTime: Math.floor(joinedAtMs / 1000),
      msgSeq: 0,
      msgFlag: card?.msgFlag ?? loaded.caps.defaultMsgFlag,
      lastSendMsgTime: 0,
      nameCard: card?.nameCard ?? '',
      muteUntil,
      customData: {},
    };
  }

  /** A live room's administrators (modify_admin); none for other room types. */
  private async roomAdminsOf(loaded: LoadedGroup): Promise<Set<string>> {
    if (loaded.caps.baseType !== 'AVChatRoom') return new Set();
    return new Set(await this.roomAdmins.findAdmins(loaded.row.sdkAppId, loaded.row.groupId));
  }

  /** MemberNum (GRP-18): the member rows, or the size of the room. */
  async memberNum(loaded: LoadedGroup): Promise<number> {
    if (loaded.caps.storage === 'table') return loaded.row.memberNum;
    return this.rooms.count(loaded.row.sdkAppId, loaded.row.groupId);
  }

  /**
   * The member list as T3 lets this rank see it (GRP-54): everyone in join order for table
   * groups, the earliest joiners of an AVChatRoom (AMB-10a), nobody of a BChatRoom. Member
   * custom fields come back when asked for and readable (GRP-30, AMB-10d).
   */
  async listMembers(
    loaded: LoadedGroup,
    rank: ActorRank,
    viewerId: string | null,
    options: {
      roles?: readonly GroupRole[];
      offset?: number;
      limit?: number;
      customKeys?: readonly string[];
      /** Only these accounts, in this order (table groups); non-members are left out. */
      userIds?: readonly string[];
    } = {},
  ): Promise<{ memberNum: number; members: GroupMemberView[] }> {
    const { row, caps, settings } = loaded;
    const access = memberListAccess(caps, rank);
    const memberNum = await this.memberNum(loaded);
    if (access === 'none' || access === 'denied') return { memberNum, members: [] };
    const offset = options.offset ?? 0;
    let rows: MemberRow[];
    if (caps.storage === 'table' && options.userIds) {
      const found = await this.members.findMembers(row.sdkAppId, row.groupId, options.userIds);
      rows = [...new Set(options.userIds)].flatMap((u) => {
        const m = found.get(u);
        return m ? [m] : [];
      });
    } else if (caps.storage === 'table') {
      rows = await this.members.pageMembers(row.sdkAppId, row.groupId, {
        roles: options.roles,
        offset,
        limit: options.limit,
      });
    } else {
      const visible = access === 'partial' ? settings.avChatRoomMemberListMax : memberNum;
      const end = Math.min(visible, offset + (options.limit ?? visible));
      const page = await this.rooms.range(row.sdkAppId, row.groupId, offset, end - offset);
      const ids = page.map((m) => m.userId);
      const [muted, cards, admins] = await Promise.all([
        this.rooms.muteUntil(row.sdkAppId, row.groupId, ids),
        this.rooms.cards(row.sdkAppId, row.groupId, ids),
        this.roomAdminsOf(loaded),
      ]);
      rows = page
        .map((m) =>
          this.roomMember(
            loaded,
            m.userId,
            m.joinedAtMs,
            muted.get(m.userId) ?? 0,
            cards.get(m.userId),
            admins.has(m.userId),
          ),
        )
        .filter((m) => !options.roles?.length || options.roles.includes(m.role));
    }
    const fields = settings.memberFields(row.type);
    return {
      memberNum,
      members: rows.map((m) =>
        toMemberView(
          m,
          readableCustomData(m.customData, options.customKeys, (key) => {
            const declaration = fields.get(key);
            return (
              !!declaration && memberFieldAllows(declaration, 'read', rank, m.userId === viewerId)
            );
          }),
        ),
      ),
    };
  }
}
