import { Injectable } from '@nestjs/common';

import { canonicalGroupType, ErrorCode, isPrivileged } from '@im/contracts';
import type {
  CallerContext,
  GetGroupsReply,
  GetGroupsRequest,
  GetTypeCapabilitiesRequest,
  GroupIdRequest,
  GroupResult,
  GroupTypeCapabilities,
  ListAppGroupsReply,
  ListAppGroupsRequest,
  SearchGroupReply,
  TypeCapabilitiesReply,
} from '@im/contracts';

import { actorOf } from './group-actor.model';
import { GroupError } from './group.errors';
import { GroupLoader } from './group-loader.service';
import type { LoadedGroup } from './group-loader.service';
import { mayReadGroupInfo } from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import { canReadGroupField, isPossibleGroupId, readableCustomData } from './group.rules';
import { toGroupView } from './group-views.mapper';

/** Reading groups as a whole: info, the app's group list, search by ID, the type table. */
@Injectable()
export class GroupLookupService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly loader: GroupLoader,
  ) {}

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

  /** get_appid_group_list: App admin and services only. */
  async listAppGroups(
    caller: CallerContext,
    req: ListAppGroupsRequest,
  ): Promise<ListAppGroupsReply> {
    if (!isPrivileged(caller))
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
