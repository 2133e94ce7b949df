import { Inject, Injectable } from '@nestjs/common';

import { canonicalGroupType, ErrorCode, GroupEvt, isValidUserId } from '@im/contracts';
import type {
  CallerContext,
  ChangeOwnerRequest,
  CreateGroupReply,
  CreateGroupRequest,
  GetGroupsReply,
  GetGroupsRequest,
  GetTypeCapabilitiesRequest,
  GroupAckReply,
  GroupBaseField,
  GroupIdRequest,
  GroupResult,
  GroupTypeCapabilities,
  ImportGroupRequest,
  ListAppGroupsReply,
  ListAppGroupsRequest,
  ModifyGroupReply,
  ModifyGroupRequest,
  SearchGroupReply,
  TypeCapabilitiesReply,
} from '@im/contracts';
import { EventOutbox, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { AccountDirectory } from './account-directory';
import { actorOf, isTrustedCaller } from './group.actor';
import { GroupCallbacks } from './group-callbacks';
import type { GroupDb, GroupTx } from './group.db';
import { GroupError } from './group.errors';
import { groupEventBase } from './group.events';
import { GroupLoader } from './group-loader';
import type { LoadedGroup } from './group-loader';
import { GroupMemberRepository } from './group-member.repository';
import {
  applyJoinOptionFor,
  effectiveMemberLimit,
  factNotification,
  mayCreate,
  mayDismiss,
  mayEditBaseField,
  mayReadGroupInfo,
  mayTransferOwnership,
} from './group-permissions';
import type { ActorRank } from './group-permissions';
import { GroupRepository } from './group.repository';
import type { GroupInfoPatch, QuotaVerdict } from './group.repository';
import {
  applyGroupCustomData,
  applyMemberCustomData,
  canReadGroupField,
  customGroupIdProblem,
  generateGroupId,
  isPossibleGroupId,
  nowSeconds,
  readableCustomData,
  utcDay,
} from './group.rules';
import type { GroupRow, NewMemberRow } from './group.schema';
import { GROUP_DB } from './group.tokens';
import { toGroupView } from './group.views';
import { MemberAdmission } from './member-admission';
import { RoomMemberStore } from './room-member.store';

const GENERATED_ID_ATTEMPTS = 5;

/** Groups as a whole: create, import, read, modify, dismiss, transfer, list, search. */
@Injectable()
export class GroupService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly rooms: RoomMemberStore,
    private readonly loader: GroupLoader,
    private readonly admission: MemberAdmission,
    private readonly accounts: AccountDirectory,
    private readonly outbox: EventOutbox,
    private readonly callbacks: GroupCallbacks,
    @Inject(GROUP_DB) private readonly db: GroupDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Runs a change and stages its events in one transaction; the outbox publishes after commit. */
  private commit<T>(work: (tx: GroupTx) => Promise<T>): Promise<T> {
    return this.outbox.commit(this.db, work);
  }

  /** create_group (GRP-38). */
  create(caller: CallerContext, req: CreateGroupRequest): Promise<CreateGroupReply> {
    return this.createGroup(caller, req, undefined);
  }

  /** import_group (GRP-60): App admin only, types that allow import (T25), original time. */
  importGroup(caller: CallerContext, req: ImportGroupRequest): Promise<CreateGroupReply> {
    if (req.members?.length)
      throw GroupError.invalid('import_group takes no members; use import_group_member');
    return this.createGroup(caller, req, req.createTime ?? nowSeconds());
  }

  private async createGroup(
    caller: CallerContext,
    req: CreateGroupRequest,
    importedAt: number | undefined,
  ): Promise<CreateGroupReply> {
    const { sdkAppId } = caller;
    const actor = actorOf(caller, req.operatorId);
    const settings = await this.loader.settingsOf(sdkAppId);
    const type = canonicalGroupType(req.type);
    const caps = settings.types.get(type);
    if (!caps) throw GroupError.invalid(`unknown group type ${req.type}`);
    if (
      (caps.featureSwitch === 'avChatRoom' && !settings.avChatRoomEnabled) ||
      (caps.featureSwitch === 'bChatRoom' && !settings.bChatRoomEnabled)
    )
      throw GroupError.featureDisabled(caps.baseType);
    const imported = importedAt !== undefined;
    if (imported && !actor.isAppAdmin) throw GroupError.forbidden('only the App admin imports');
    if (imported && !caps.importAllowed)
      throw GroupError.forbidden(`${type} groups cannot be imported`);
    if (!mayCreate(caps, actor.isAppAdmin))
      throw GroupError.forbidden(`only the App admin creates ${type} groups`);

    let ownerId: string | null;
    if (actor.userId) {
      if (req.ownerId && req.ownerId !== actor.userId)
        throw GroupError.invalid('a user creates groups they own');
      ownerId = actor.userId;
    } else {
      ownerId = req.ownerId || null;
    }
    if (ownerId && !caps.hasOwner) throw GroupError.invalid(`${type} groups have no owner`);
    if (ownerId && !isValidUserId(ownerId)) throw GroupError.invalid('invalid owner ID');
    if (req.ownerCustomData?.length && !ownerId)
      throw GroupError.invalid('member custom data of the owner needs an owner');

    const customId = req.groupId ? req.groupId : undefined;
    if (customId !== undefined) {
      if (!actor.isAppAdmin)
        throw GroupError.forbidden('custom group IDs are for the App admin only');
      const problem = customGroupIdProblem(customId);
      if (problem) throw GroupError.invalidGroupId(problem);
    }

    const seen = new Set<string>(ownerId ? [ownerId] : []);
    const initial = (req.members ?? []).filter((m) => !seen.has(m.userId) && seen.add(m.userId));
    if (initial.length && !caps.initialMembersAllowed)
      throw GroupError.forbidden(`${type} groups take no initial members`);
    if (initial.some((m) => m.role === 'Admin') && !caps.adminsAllowed)
      throw GroupError.forbidden(`${type} groups have no admins`);
    const badId = initial.find((m) => !isValidUserId(m.userId));
    if (badId) throw GroupError.invalid(`invalid member ${badId.userId}`);

    const typeLimit = effectiveMemberLimit(caps, settings.memberCap, null);
    let maxMemberNum = 0;
    if (typeLimit !== null) {
      if (req.maxMemberNum !== undefined && req.maxMemberNum > typeLimit)
        throw GroupError.invalid(`MaxMemberCount may be at most ${typeLimit}`);
      maxMemberNum = req.maxMemberNum ?? typeLimit;
      if ((ownerId ? 1 : 0) + initial.length > maxMemberNum) throw GroupError.full(maxMemberNum);
    }
    const apply = applyJoinOptionFor(caps, req.applyJoinOption);
    if ('refused' in apply) throw GroupError.invalid(apply.refused);
    if (req.inviteJoinOption && caps.storage === 'room')
      throw GroupError.invalid(`InviteJoinOption is not for ${type} groups`);

    const creatorRank: ActorRank = actor.isAppAdmin ? 'AppAdmin' : 'Owner';
    const groupData = applyGroupCustomData(
      {},
      req.customData ?? [],
      settings.groupFields(type),
      creatorRank,
    ).data;
    const memberFields = settings.memberFields(type);
    if (
      (req.ownerCustomData?.length || initial.some((m) => m.customData?.length)) &&
      !caps.memberCustomFields
    )
      throw GroupError.invalid(`${type} groups have no member custom fields`);
    const ownerData = applyMemberCustomData(
      {},
      req.ownerCustomData ?? [],
      memberFields,
      creatorRank,
      !actor.isAppAdmin,
    ).data;

    const mustExist = [
      ...(actor.isAppAdmin && ownerId ? [ownerId] : []),
      ...initial.map((m) => m.userId),
    ];
    const missing = await this.accounts.missing(sdkAppId, mustExist);
    if (missing.size) throw GroupError.accountNotFound([...missing]);
    if (ownerId && caps.storage === 'room' && caps.baseType !== 'BChatRoom') {
      const count = (await this.admission.membershipCounts(sdkAppId, [ownerId])).get(ownerId) ?? 0;
      if (count >= settings.userGroupLimit)
        throw GroupError.userQuota([ownerId], settings.userGroupLimit);
    }

    // callbacks.md §1.3: imports fire no callbacks.
    if (!imported)
      await this.callbacks.beforeCreateGroup(sdkAppId, async () => ({
        Operator_Account: actor.operatorId,
        Owner_Account: ownerId ?? '',
        Type: type,
        Name: req.name,
        CreateGroupNum: ownerId ? await this.members.countOwnedGroups(sdkAppId, ownerId, type) : 0,
        MemberList: initial.map((m) => ({ Member_Account: m.userId })),
      }));

    const now = nowSeconds();
    const createTime = importedAt ?? now;
    const isActive = !caps.needsActivation || imported;
    const row = await this.commit(async (tx) => {
      const verdict = await this.groups.reserveCreation(
        sdkAppId,
        caps.creationQuota,
        settings,
        utcDay(),
        tx,
      );
      if (verdict !== 'ok') throw quotaError(verdict, settings);
      const inserted = await this.insertGroup(tx, customId, ownerId, {
        sdkAppId,
        type,
        baseType: caps.baseType,
        name: req.name,
        introduction: req.introduction ?? '',
        notification: req.notification ?? '',
        faceUrl: req.faceUrl ?? '',
        ownerId,
        createTime,
        lastInfoTime: createTime,
        maxMemberNum,
        applyJoinOption: apply.option,
        inviteJoinOption: req.inviteJoinOption ?? null,
        isActive,
        customData: groupData,
      });
      let memberIds: string[] = ownerId ? [ownerId] : [];
      if (caps.storage === 'table') {
        const rows: NewMemberRow[] = [];
        if (ownerId)
          rows.push({
            sdkAppId,
            groupId: inserted.groupId,
            userId: ownerId,
            role: 'Owner',
            joinTime: createTime,
            msgFlag: caps.defaultMsgFlag,
            customData: ownerData,
          });
        for (const m of initial)
          rows.push({
            sdkAppId,
            groupId: inserted.groupId,
            userId: m.userId,
            role: m.role ?? 'Member',
            joinTime: m.joinTime ?? createTime,
            msgFlag: m.msgFlag ?? caps.defaultMsgFlag,
            nameCard: m.nameCard ?? '',
            msgSeq: m.msgSeq ?? 0,
            lastSendMsgTime: m.lastSendMsgTime ?? 0,
            customData: applyMemberCustomData(
              {},
              m.customData ?? [],
              memberFields,
              creatorRank,
              false,
            ).data,
          });
        const admission = await this.admission.admitToTable(
          tx,
          { row: inserted, caps, settings },
          rows,
        );
        if (admission.overQuota.length)
          throw GroupError.userQuota(admission.overQuota, settings.userGroupLimit);
        memberIds = admission.added;
      }
      await this.outbox.stage(tx, GroupEvt.Created, {
        ...groupEventBase(inserted, actor, factNotification(isActive)),
        name: inserted.name,
        ownerId,
        memberIds,
        imported,
      });
      return inserted;
    });
    if (caps.storage === 'room' && ownerId)
      await this.rooms.join(
        sdkAppId,
        row.groupId,
        ownerId,
        createTime * 1000,
        caps.baseType !== 'BChatRoom',
      );
    this.logger.info({ groupId: row.groupId, type, imported }, 'group created');
    return { groupId: row.groupId, type };
  }

  /** Inserts the group under its custom ID (10021 / 10025 when taken) or a fresh `@TGS#` one. */
  private async insertGroup(
    tx: GroupTx,
    customId: string | undefined,
    ownerId: string | null,
    row: Omit<Parameters<GroupRepository['insertGroup']>[0], 'groupId'>,
  ): Promise<GroupRow> {
    if (customId !== undefined) {
      const inserted = await this.groups.insertGroup({ ...row, groupId: customId }, tx);
      if (inserted) return inserted;
      const existing = await this.groups.findGroup(row.sdkAppId, customId, tx);
      if (existing?.ownerId && existing.ownerId === ownerId)
        throw new GroupError(ErrorCode.GroupIdInUseByOperator, `you already own group ${customId}`);
      throw new GroupError(ErrorCode.GroupIdInUse, `group ID ${customId} is taken`);
    }
    for (let attempt = 0; attempt < GENERATED_ID_ATTEMPTS; attempt++) {
      const inserted = await this.groups.insertGroup({ ...row, groupId: generateGroupId() }, tx);
      if (inserted) return inserted;
    }
    throw new GroupError(ErrorCode.GroupInternalError, 'could not allocate a group ID');
  }

  /** get_group_info: each group, or its own error code (10015, 10010, 10007). */
  async getInfo(caller: CallerContext, req: GetGroupsRequest): Promise<GetGroupsReply> {
    const { sdkAppId } = caller;
    const actor = actorOf(caller, req.operatorId);
    const settings = await this.loader.settingsOf(sdkAppId);
    const rows = await this.groups.findGroups(sdkAppId, req.groupIds.filter(isPossibleGroupId));
    const results: GroupResult[] = [];
    for (const groupId of req.groupIds) {
      if (!isPossibleGroupId(groupId)) {
        results.push({ groupId, code: ErrorCode.GroupIdInvalid, message: 'invalid group ID' });
        continue;
      }
      const row = rows.get(groupId);
      if (!row) {
        results.push({ groupId, code: ErrorCode.GroupNotFound, message: 'no such group' });
        continue;
      }
      const loaded: LoadedGroup = { row, caps: this.loader.capsOf(settings, row), settings };
      const scope = await this.loader.scopeOf(loaded, actor);
      if (!mayReadGroupInfo(loaded.caps, scope.rank)) {
        results.push({ groupId, code: ErrorCode.GroupPermissionDenied, message: 'not a member' });
        continue;
      }
      const fields = settings.groupFields(row.type);
      const customData = readableCustomData(row.customData, req.customDataKeys, (key) =>
        canReadGroupField(fields, key, scope.rank),
      );
      const list = req.withMembers
        ? await this.loader.listMembers(loaded, scope.rank, actor.userId, {
            customKeys: req.memberCustomDataKeys,
          })
        : undefined;
      const memberNum = list?.memberNum ?? (await this.loader.memberNum(loaded));
      results.push({
        groupId,
        code: ErrorCode.Ok,
        message: '',
        group: toGroupView(row, loaded.caps, memberNum, customData, list?.members),
      });
    }
    return { groups: results };
  }

  /** modify_group_base_info (GRP-43, T2, GRP-15, AMB-13). */
  async modifyInfo(caller: CallerContext, req: ModifyGroupRequest): Promise<ModifyGroupReply> {
    const actor = actorOf(caller, req.operatorId);
    const scope = await this.loader.scope(caller.sdkAppId, req.groupId, actor);
    const { caps, settings, rank } = scope;
    const asked: [GroupBaseField, unknown][] = [
      ['Name', req.name],
      ['Introduction', req.introduction],
      ['Notification', req.notification],
      ['FaceUrl', req.faceUrl],
      ['MaxMemberNum', req.maxMemberNum],
      ['ApplyJoinOption', req.applyJoinOption],
      ['InviteJoinOption', req.inviteJoinOption],
      ['MuteAllMember', req.muteAllMember],
    ];
    for (const [field, value] of asked) {
      if (value === undefined || value === null) continue;
      if (!mayEditBaseField(caps, rank, field))
        throw GroupError.forbidden(`${rank} may not change ${field} of a ${scope.row.type} group`);
    }
    let maxMemberNum: number | undefined;
    if (req.maxMemberNum != null && caps.memberLimit !== null) {
      const limit = effectiveMemberLimit(caps, settings.memberCap, null) ?? 0;
      if (req.maxMemberNum > limit)
        throw GroupError.invalid(`MaxMemberNum may be at most ${limit}`);
      maxMemberNum = req.maxMemberNum;
    }
    let applyJoinOption: GroupRow['applyJoinOption'] | undefined;
    if (req.applyJoinOption != null && caps.applyAllowed) {
      const apply = applyJoinOptionFor(caps, req.applyJoinOption);
      if ('refused' in apply) throw GroupError.invalid(apply.refused);
      applyJoinOption = apply.option;
    }
    if (req.inviteJoinOption != null && caps.storage === 'room')
      throw GroupError.invalid(`InviteJoinOption is not for ${scope.row.type} groups`);
    const now = nowSeconds();

    const result = await this.commit(async (tx) => {
      const row = await this.groups.lockGroup(caller.sdkAppId, req.groupId, tx);
      if (!row) throw GroupError.notFound(req.groupId);
      const patch: GroupInfoPatch = {};
      const changed: string[] = [];
      const set = <K extends keyof GroupInfoPatch>(
        key: K,
        field: string,
        value: GroupInfoPatch[K] | undefined,
      ) => {
        if (value === undefined || value === null || row[key] === value) return;
        patch[key] = value;
        changed.push(field);
      };
      set('name', 'Name', req.name);
      set('introduction', 'Introduction', req.introduction);
      set('notification', 'Notification', req.notification);
      set('faceUrl', 'FaceUrl', req.faceUrl);
      set('maxMemberNum', 'MaxMemberNum', maxMemberNum);
      set('applyJoinOption', 'ApplyJoinOption', applyJoinOption);
      set('inviteJoinOption', 'InviteJoinOption', req.inviteJoinOption);
      set('muteAll', 'MuteAllMember', req.muteAllMember);
      let changedKeys: string[] = [];
      if (req.customData?.length) {
        const custom = applyGroupCustomData(
          row.customData,
          req.customData,
          settings.groupFields(row.type),
          rank,
        );
        changedKeys = custom.changedKeys;
        if (changedKeys.length) {
          patch.customData = custom.data;
          changed.push('AppDefinedData');
        }
      }
      if (changed.length === 0) return { infoSeq: row.infoSeq, changedFields: [] };
      const updated = await this.groups.updateInfo(caller.sdkAppId, req.groupId, patch, now, tx);
      await this.outbox.stage(tx, GroupEvt.InfoChanged, {
        ...groupEventBase(updated, actor, factNotification(updated.isActive)),
        changedFields: changed,
        infoSeq: updated.infoSeq,
        name: updated.name,
        introduction: updated.introduction,
        notificationText: updated.notification,
        faceUrl: updated.faceUrl,
        maxMemberNum: updated.maxMemberNum,
        applyJoinOption: updated.applyJoinOption,
        muteAllMember: updated.muteAll,
        customDataKeys: changedKeys,
      });
      return { infoSeq: updated.infoSeq, changedFields: changed };
    });
    if (result.changedFields.length)
      this.logger.info(
        { groupId: req.groupId, changed: result.changedFields },
        'group info changed',
      );
    return result;
  }

  /** destroy_group (GRP-41, T5). */
  async destroy(caller: CallerContext, req: GroupIdRequest): Promise<GroupAckReply> {
    const actor = actorOf(caller, req.operatorId);
    const scope = await this.loader.scope(caller.sdkAppId, req.groupId, actor);
    if (!mayDismiss(scope.caps, scope.rank))
      throw GroupError.forbidden(`${scope.rank} may not dismiss a ${scope.row.type} group`);
    await this.commit(async (tx) => {
      const row = await this.groups.lockGroup(caller.sdkAppId, req.groupId, tx);
      if (!row) throw GroupError.notFound(req.groupId);
      const memberIds =
        scope.caps.storage === 'table'
          ? await this.members.memberIds(caller.sdkAppId, req.groupId, tx)
          : [];
      await this.members.deleteAllMembers(caller.sdkAppId, req.groupId, tx);
      await this.groups.deleteGroup(caller.sdkAppId, req.groupId, tx);
      await this.groups.releaseCreation(caller.sdkAppId, scope.caps.creationQuota, utcDay(), tx);
      await this.outbox.stage(tx, GroupEvt.Destroyed, {
        ...groupEventBase(row, actor, factNotification(row.isActive)),
        name: row.name,
        memberIds,
      });
    });
    if (scope.caps.storage === 'room') await this.rooms.destroy(caller.sdkAppId, req.groupId);
    this.logger.info({ groupId: req.groupId }, 'group dismissed');
    return {};
  }

  /** change_group_owner (GRP-42, AMB-9). */
  async changeOwner(caller: CallerContext, req: ChangeOwnerRequest): Promise<GroupAckReply> {
    const actor = actorOf(caller, req.operatorId);
    const scope = await this.loader.scope(caller.sdkAppId, req.groupId, actor);
    const { caps, row } = scope;
    if (!mayTransferOwnership(caps, scope.rank))
      throw GroupError.forbidden(`${scope.rank} may not transfer a ${row.type} group`);
    if (req.newOwnerId === row.ownerId) return {};
    const target = (await this.loader.membersOf(scope, [req.newOwnerId])).get(req.newOwnerId);
    if (!target) {
      const missing = await this.accounts.missing(caller.sdkAppId, [req.newOwnerId]);
      if (missing.size) throw GroupError.accountNotFound([...missing]);
      throw GroupError.invalid(`${req.newOwnerId} is not a member`);
    }
    await this.commit(async (tx) => {
      const locked = await this.groups.lockGroup(caller.sdkAppId, req.groupId, tx);
      if (!locked) throw GroupError.notFound(req.groupId);
      if (caps.storage === 'table') {
        if (locked.ownerId)
          await this.members.updateMember(
            caller.sdkAppId,
            req.groupId,
            locked.ownerId,
            { role: 'Member' },
            tx,
          );
        await this.members.updateMember(
          caller.sdkAppId,
          req.groupId,
          req.newOwnerId,
          { role: 'Owner' },
          tx,
        );
      }
      const updated = await this.groups.updateInfo(
        caller.sdkAppId,
        req.groupId,
        { ownerId: req.newOwnerId },
        nowSeconds(),
        tx,
      );
      await this.outbox.stage(tx, GroupEvt.OwnerChanged, {
        ...groupEventBase(updated, actor, factNotification(updated.isActive)),
        previousOwnerId: locked.ownerId,
        newOwnerId: req.newOwnerId,
      });
    });
    this.logger.info({ groupId: req.groupId }, 'group owner changed');
    return {};
  }

  /** get_appid_group_list: App admin and services only. */
  async listAppGroups(
    caller: CallerContext,
    req: ListAppGroupsRequest,
  ): Promise<ListAppGroupsReply> {
    if (!isTrustedCaller(caller))
      throw GroupError.forbidden('only the App admin lists the app groups');
    let type: string | undefined;
    if (req.type) {
      type = canonicalGroupType(req.type);
      const settings = await this.loader.settingsOf(caller.sdkAppId);
      if (!settings.types.has(type)) throw GroupError.invalid(`unknown group type ${req.type}`);
    }
    const limit = req.limit ?? 10000;
    const [page, totalCount] = await Promise.all([
      this.groups.listGroupIds(caller.sdkAppId, {
        type,
        afterSeq: req.next ?? 0,
        limit: limit + 1,
      }),
      this.groups.countGroups(caller.sdkAppId, type),
    ]);
    const hasMore = page.length > limit;
    const shown = page.slice(0, limit);
    return {
      totalCount,
      groupIds: shown.map((g) => g.groupId),
      next: hasMore ? shown[shown.length - 1].seq : 0,
    };
  }

  /** Exact search by GroupId (GRP-53): only types that T1 makes searchable; never fuzzy. */
  async search(caller: CallerContext, req: GroupIdRequest): Promise<SearchGroupReply> {
    if (!isPossibleGroupId(req.groupId)) return { groups: [] };
    const settings = await this.loader.settingsOf(caller.sdkAppId);
    const row = await this.groups.findGroup(caller.sdkAppId, req.groupId);
    if (!row) return { groups: [] };
    const loaded: LoadedGroup = { row, caps: this.loader.capsOf(settings, row), settings };
    if (!loaded.caps.searchable) return { groups: [] };
    return { groups: [toGroupView(row, loaded.caps, await this.loader.memberNum(loaded))] };
  }

  /** The type table of the app for the messaging side (or one type, or one group's type). */
  async getTypeCapabilities(
    caller: CallerContext,
    req: GetTypeCapabilitiesRequest,
  ): Promise<TypeCapabilitiesReply> {
    if (req.groupId !== undefined) {
      const loaded = await this.loader.load(caller.sdkAppId, req.groupId);
      return { types: [loaded.caps] };
    }
    const settings = await this.loader.settingsOf(caller.sdkAppId);
    if (req.type !== undefined) {
      const caps = settings.types.get(canonicalGroupType(req.type));
      if (!caps) throw GroupError.invalid(`unknown group type ${req.type}`);
      return { types: [caps] };
    }
    return { types: [...settings.types.values()] as GroupTypeCapabilities[] };
  }
}

function quotaError(
  verdict: Exclude<QuotaVerdict, 'ok'>,
  limits: { dailyCreateLimit: number; bChatRoomLimit: number; appGroupLimit: number },
): GroupError {
  switch (verdict) {
    case 'daily':
      return new GroupError(
        ErrorCode.GroupRateLimited,
        `the app created ${limits.dailyCreateLimit} groups (net) today`,
      );
    case 'bchatroom':
      return new GroupError(
        ErrorCode.AvChatRoomQuotaExceeded,
        `the app has ${limits.bChatRoomLimit} BChatRoom groups`,
      );
    case 'total':
      return new GroupError(
        ErrorCode.AvChatRoomQuotaExceeded,
        `the app has ${limits.appGroupLimit} groups`,
      );
  }
}
