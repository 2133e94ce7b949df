import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { ErrorCode, GroupAttrLimits, GroupEvt, isPrivileged } from '@im/contracts';
import type {
  CallerContext,
  GroupAckReply,
  GroupAttrItem,
  GroupAttrReply,
  GroupIdRequest,
  WriteGroupAttrRequest,
} from '@im/contracts';
import { PLATFORM_LOGGER, REDIS } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { actorOf } from './group-actor.model';
import { applyAttrWrite, attrsSupported, checkedItems } from './group-attr.rules';
import { GroupAttrRepository } from './group-attr.repository';
import { GroupCacheKeys } from './group.cache-keys';
import { GroupError } from './group.errors';
import { groupEventBase } from './group-events.mapper';
import { GroupLoader } from './group-loader.service';
import type { LoadedGroup } from './group-loader.service';
import { factNotification } from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import { nowSeconds } from './group.rules';
import { GroupTransactions } from './group-transactions.db';

/**
 * Group attributes (docs/rest-api.md, group attribute commands): up to 16 key/value pairs per
 * group, written by the App admin (set = replace all, modify = upsert, clear, delete keys) and
 * read by the App admin and the group's members. A write that changes something is told to
 * the members as `group.evt.attr-changed` (a `notify` push `group.attr-changed`).
 */
@Injectable()
export class GroupAttrService {
  constructor(
    private readonly loader: GroupLoader,
    private readonly groups: GroupRepository,
    private readonly attrs: GroupAttrRepository,
    private readonly writes: GroupTransactions,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** get_group_attr; `group.get-attr` for a member (10007 for anyone else). */
  async get(caller: CallerContext, req: GroupIdRequest): Promise<GroupAttrReply> {
    const scope = await this.loader.scopeFor(caller, req);
    assertSupported(scope);
    if (scope.rank === 'NonMember')
      throw GroupError.forbidden('only members read the attributes of a group');
    return { attrs: await this.attrs.find(caller.sdkAppId, req.groupId) };
  }

  /** set / modify / clear / delete_group_attr: App admin only. */
  async write(caller: CallerContext, req: WriteGroupAttrRequest): Promise<GroupAckReply> {
    if (!isPrivileged(caller))
      throw GroupError.forbidden('group attributes are written by the App admin');
    const { sdkAppId } = caller;
    const items: GroupAttrItem[] =
      req.op === 'delete'
        ? (req.keys ?? []).map((key) => ({ key, value: '' }))
        : req.op === 'clear'
          ? []
          : (req.attrs ?? []);
    checkedItems(req.op, items);
    const loaded = await this.loader.load(sdkAppId, req.groupId);
    assertSupported(loaded);
    await this.countWrite(sdkAppId, req.groupId);
    const actor = actorOf(caller, req.operatorId);
    const now = nowSeconds();
    const changedKeys = await this.writes.commit(async (tx) => {
      const row = await this.groups.lockGroup(sdkAppId, req.groupId, tx);
      if (!row) throw GroupError.notFound(req.groupId);
      const current = await this.attrs.find(sdkAppId, req.groupId, tx);
      const result = applyAttrWrite(current, req.op, items);
      if (result.changedKeys.length === 0) return [];
      await this.attrs.replace(sdkAppId, req.groupId, result.attrs, now, tx);
      await this.writes.stage(tx, GroupEvt.AttrChanged, {
        ...groupEventBase(row, actor, factNotification(row.isActive)),
        op: req.op,
        changedKeys: result.changedKeys,
        attrs: result.attrs,
      });
      return result.changedKeys;
    });
    if (changedKeys.length)
      this.logger.info(
        { groupId: req.groupId, op: req.op, changed: changedKeys.length },
        'group attributes changed',
      );
    return {};
  }

  /** At most 5 attribute writes a second per group, across instances (10049). */
  private async countWrite(sdkAppId: number, groupId: string): Promise<void> {
    const key = GroupCacheKeys.attrWrites(sdkAppId, groupId, nowSeconds());
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, 2).exec()) as [
      [Error | null, number],
    ];
    if (count > GroupAttrLimits.writesPerSecond)
      throw new GroupError(
        ErrorCode.GroupAttributeRateLimited,
        `at most ${GroupAttrLimits.writesPerSecond} attribute writes a second per group`,
      );
  }
}

/** 10007 for a type without attributes (BChatRoom, and custom types over it). */
function assertSupported({ row, caps }: LoadedGroup): void {
  if (!attrsSupported(caps.baseType))
    throw GroupError.forbidden(`a ${row.type} group has no custom attributes`);
}
