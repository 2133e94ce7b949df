import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, GroupEvt } from '@im/contracts';
import type {
  CallerContext,
  ChangeOwnerRequest,
  CreateGroupReply,
  CreateGroupRequest,
  GroupAckReply,
  GroupIdRequest,
  ImportGroupRequest,
  ModifyGroupReply,
  ModifyGroupRequest,
} from '@im/contracts';
import { AccountsClient, PLATFORM_LOGGER, SensitiveWordsCache } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { actorOf } from './group-actor.model';
import type { Actor } from './group-actor.model';
import { GroupCallbacks } from './group-callbacks.client';
import type { GroupTx } from './group.db';
import { GroupError } from './group.errors';
import { groupEventBase, infoChangedFact } from './group-events.mapper';
import {
  accountsToCheck,
  initialMemberRows,
  newGroupRow,
  planGroupCreation,
  quotaError,
} from './group-create.rules';
import type { GroupCreation } from './group-create.rules';
import { infoChangeOf, modifyInfoProblem } from './group-info.rules';
import { GroupLoader } from './group-loader.service';
import { GroupMemberRepository } from './group-member.repository';
import { factNotification, mayDismiss, mayTransferOwnership } from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import { generateGroupId, nowSeconds, utcDay } from './group.rules';
import type { GroupRow, NewGroupRow } from './group.schema';
import type { GroupSettings } from './group-settings.reader';
import { GroupTransactions } from './group-transactions.db';
import { MemberAdmission } from './member-admission.service';
import { RoomMemberStore } from './room-member.store';
import { GroupTopicRepository } from './topic/group-topic.repository';
import { dismissedTopicFacts } from './topic/topic-events.mapper';

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
    private readonly accounts: AccountsClient,
    private readonly writes: GroupTransactions,
    private readonly callbacks: GroupCallbacks,
    private readonly sensitiveWords: SensitiveWordsCache,
    private readonly topics: GroupTopicRepository,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

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
    const creation = planGroupCreation(settings, actor, req, importedAt !== undefined);
    await this.refuseSensitiveWords(sdkAppId, [
      ...infoTexts(req),
      ...(req.members ?? []).map((m) => ['NameCard', m.nameCard] as const),
    ]);
    await this.checkCreationAccounts(sdkAppId, actor, creation, settings);
    // docs/callbacks.md §1.3: imports fire no callbacks.
    if (!creation.imported) await this.askBeforeCreate(sdkAppId, actor, req, creation);
    const createTime = importedAt ?? nowSeconds();
    const newRow = newGroupRow(sdkAppId, creation, req, createTime);
    const row = await this.writes.commit((tx) =>
      this.storeGroup(tx, actor, creation, settings, newRow),
    );
    const { caps, ownerId, type, imported } = creation;
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

  /** The owner and initial members exist (10026); a room owner is under the user quota (10033). */
  private async checkCreationAccounts(
    sdkAppId: number,
    actor: Actor,
    creation: GroupCreation,
    settings: GroupSettings,
  ): Promise<void> {
    const missing = await this.accounts.missing(sdkAppId, accountsToCheck(creation, actor));
    if (missing.size) throw GroupError.accountNotFound([...missing]);
    const { ownerId, caps } = creation;
    if (ownerId && caps.storage === 'room' && caps.baseType !== 'BChatRoom') {
      const count = (await this.admission.membershipCounts(sdkAppId, [ownerId])).get(ownerId) ?? 0;
      if (count >= settings.userGroupLimit)
        throw GroupError.userQuota([ownerId], settings.userGroupLimit);
    }
  }

  /** Group.CallbackBeforeCreateGroup: the app may refuse the creation. */
  private async askBeforeCreate(
    sdkAppId: number,
    actor: Actor,
    req: CreateGroupRequest,
    { ownerId, type, initial }: GroupCreation,
  ): Promise<void> {
    await this.callbacks.beforeCreateGroup(sdkAppId, async () => ({
      Operator_Account: actor.operatorId,
      Owner_Account: ownerId ?? '',
      Type: type,
      Name: req.name,
      CreateGroupNum: ownerId ? await this.members.countOwnedGroups(sdkAppId, ownerId, type) : 0,
      MemberList: initial.map((m) => ({ Member_Account: m.userId })),
    }));
  }

  /**
   * Stores a new group in the caller's transaction: the app's creation quota, the row, the
   * first members of a table group (10014 / 10033 as for any add), and `group.evt.created`.
   */
  private async storeGroup(
    tx: GroupTx,
    actor: Actor,
    creation: GroupCreation,
    settings: GroupSettings,
    newRow: Omit<NewGroupRow, 'groupId'>,
  ): Promise<GroupRow> {
    const { caps, ownerId, imported } = creation;
    const { sdkAppId, createTime } = newRow;
    const verdict = await this.groups.reserveCreation(
      sdkAppId,
      caps.creationQuota,
      settings,
      utcDay(),
      tx,
    );
    if (verdict !== 'ok') throw quotaError(verdict, settings);
    const inserted = await this.insertGroup(tx, creation.customId, ownerId, newRow);
    let memberIds: string[] = ownerId ? [ownerId] : [];
    if (caps.storage === 'table') {
      const rows = initialMemberRows(inserted, creation, settings, createTime);
      const admission = await this.admission.admitToTable(
        tx,
        { row: inserted, caps, settings },
        rows,
      );
      if (admission.overQuota.length)
        throw GroupError.userQuota(admission.overQuota, settings.userGroupLimit);
      memberIds = admission.added;
    }
    await this.writes.stage(tx, GroupEvt.Created, {
      ...groupEventBase(inserted, actor, factNotification(creation.isActive)),
      name: inserted.name,
      ownerId,
      memberIds,
      imported,
    });
    return inserted;
  }

  /** Inserts the group under its custom ID (10021 / 10025 when taken) or a fresh `@TGS#` one. */
  private async insertGroup(
    tx: GroupTx,
    customId: string | undefined,
    ownerId: string | null,
    row: Omit<NewGroupRow, 'groupId'>,
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

  /** modify_group_base_info (GRP-43, T2, GRP-15, AMB-13). */
  async modifyInfo(caller: CallerContext, req: ModifyGroupRequest): Promise<ModifyGroupReply> {
    const scope = await this.loader.scopeFor(caller, req);
    const { caps, settings, rank, actor } = scope;
    const problem = modifyInfoProblem(caps, rank, scope.row.type, req, settings);
    if (problem) throw problem;
    await this.refuseSensitiveWords(caller.sdkAppId, infoTexts(req));
    const now = nowSeconds();
    const result = await this.writes.commit(async (tx) => {
      const row = await this.groups.lockGroup(caller.sdkAppId, req.groupId, tx);
      if (!row) throw GroupError.notFound(req.groupId);
      const change = infoChangeOf(row, req, caps, settings, rank);
      if (change.changedFields.length === 0) return { infoSeq: row.infoSeq, changedFields: [] };
      const updated = await this.groups.updateInfo(
        caller.sdkAppId,
        req.groupId,
        change.patch,
        now,
        tx,
      );
      await this.writes.stage(tx, GroupEvt.InfoChanged, infoChangedFact(updated, actor, change));
      return { infoSeq: updated.infoSeq, changedFields: change.changedFields };
    });
    if (result.changedFields.length)
      this.logger.info(
        { groupId: req.groupId, changed: result.changedFields },
        'group info changed',
      );
    return result;
  }

  /** 80001 when a text of the request holds one of the app's sensitive words (§9.1). */
  private async refuseSensitiveWords(
    sdkAppId: number,
    texts: readonly (readonly [string, string | undefined])[],
  ): Promise<void> {
    const field = await this.sensitiveWords.matchedField(sdkAppId, texts);
    if (field) throw GroupError.sensitiveWords(field);
  }

  /** destroy_group (GRP-41, T5). */
  async destroy(caller: CallerContext, req: GroupIdRequest): Promise<GroupAckReply> {
    const scope = await this.loader.scopeFor(caller, req);
    const { actor } = scope;
    if (!mayDismiss(scope.caps, scope.rank))
      throw GroupError.forbidden(`${scope.rank} may not dismiss a ${scope.row.type} group`);
    await this.writes.commit(async (tx) => {
      const row = await this.groups.lockGroup(caller.sdkAppId, req.groupId, tx);
      if (!row) throw GroupError.notFound(req.groupId);
      const memberIds =
        scope.caps.storage === 'table'
          ? await this.members.memberIds(caller.sdkAppId, req.groupId, { db: tx })
          : [];
      // a Community's topics go with it: each told as destroy_topic tells it
      const topics =
        scope.caps.baseType === 'Community'
          ? await this.topics.deleteAllTopics(caller.sdkAppId, req.groupId, tx)
          : [];
      for (const fact of dismissedTopicFacts(row, actor, topics, memberIds))
        await this.writes.stage(tx, GroupEvt.TopicDestroyed, fact);
      await this.members.deleteAllMembers(caller.sdkAppId, req.groupId, tx);
      await this.groups.deleteGroup(caller.sdkAppId, req.groupId, tx);
      await this.groups.releaseCreation(caller.sdkAppId, scope.caps.creationQuota, utcDay(), tx);
      await this.writes.stage(tx, GroupEvt.Destroyed, {
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
    const scope = await this.loader.scopeFor(caller, req);
    const { caps, row, actor } = scope;
    if (!mayTransferOwnership(caps, scope.rank))
      throw GroupError.forbidden(`${scope.rank} may not transfer a ${row.type} group`);
    if (req.newOwnerId === row.ownerId) return {};
    const target = (await this.loader.membersOf(scope, [req.newOwnerId])).get(req.newOwnerId);
    if (!target) {
      const missing = await this.accounts.missing(caller.sdkAppId, [req.newOwnerId]);
      if (missing.size) throw GroupError.accountNotFound([...missing]);
      throw GroupError.invalid(`${req.newOwnerId} is not a member`);
    }
    await this.writes.commit(async (tx) => {
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
      await this.writes.stage(tx, GroupEvt.OwnerChanged, {
        ...groupEventBase(updated, actor, factNotification(updated.isActive)),
        previousOwnerId: locked.ownerId,
        newOwnerId: req.newOwnerId,
      });
    });
    this.logger.info({ groupId: req.groupId }, 'group owner changed');
    return {};
  }
}

/** The texts of a group's base info that sensitive words apply to, by their REST names. */
function infoTexts(req: {
  name?: string;
  introduction?: string;
  notification?: string;
}): (readonly [string, string | undefined])[] {
  return [
    ['Name', req.name],
    ['Introduction', req.introduction],
    ['Notification', req.notification],
  ];
}
