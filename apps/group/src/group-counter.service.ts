import { Inject, Injectable } from '@nestjs/common';

import { GroupEvt, isPrivileged } from '@im/contracts';
import type {
  CallerContext,
  GroupAckReply,
  GroupCounterKeysRequest,
  GroupCounterReply,
  UpdateGroupCounterRequest,
} from '@im/contracts';
import { PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { actorOf } from './group-actor.model';
import {
  applyCounterDelete,
  applyCounterUpdate,
  checkedKeys,
  countersSupported,
  selectCounters,
} from './group-counter.rules';
import { GroupCounterRepository } from './group-counter.repository';
import { GroupError } from './group.errors';
import { groupEventBase } from './group-events.mapper';
import { GroupLoader } from './group-loader.service';
import type { LoadedGroup } from './group-loader.service';
import { factNotification } from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import { nowSeconds } from './group.rules';
import { GroupTransactions } from './group-transactions.db';

/**
 * Group counters (docs/rest-api.md, group counter commands): up to 20 integer counters per
 * group, updated by the App admin (set, increase, decrease, delete) and read by the App admin
 * and the group's members. An update or deletion that changes something is told to the
 * members as `group.evt.counter-changed` (a `notify` push `group.counter-changed`).
 */
@Injectable()
export class GroupCounterService {
  constructor(
    private readonly loader: GroupLoader,
    private readonly groups: GroupRepository,
    private readonly counters: GroupCounterRepository,
    private readonly writes: GroupTransactions,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** get_group_counter; `group.get-counter` for a member (10007 for anyone else). */
  async get(caller: CallerContext, req: GroupCounterKeysRequest): Promise<GroupCounterReply> {
    if (req.keys?.length) checkedKeys(req.keys);
    const scope = await this.loader.scopeFor(caller, req);
    assertSupported(scope);
    if (scope.rank === 'NonMember')
      throw GroupError.forbidden('only members read the counters of a group');
    const current = await this.counters.find(caller.sdkAppId, req.groupId);
    return { counters: selectCounters(current, req.keys) };
  }

  /** update_group_counter: App admin only; answers the written counters' new values. */
  async update(caller: CallerContext, req: UpdateGroupCounterRequest): Promise<GroupCounterReply> {
    assertAdmin(caller);
    applyCounterUpdate(
      [],
      'set',
      req.counters.map(({ key }) => ({ key, value: 0 })),
    );
    const { sdkAppId } = caller;
    assertSupported(await this.loader.load(sdkAppId, req.groupId));
    const written = await this.writes.commit(async (tx) => {
      const row = await this.groups.lockGroup(sdkAppId, req.groupId, tx);
      if (!row) throw GroupError.notFound(req.groupId);
      const current = await this.counters.find(sdkAppId, req.groupId, tx);
      const result = applyCounterUpdate(current, req.mode, req.counters);
      if (result.changedKeys.length === 0) return result.written;
      await this.counters.replace(sdkAppId, req.groupId, result.counters, nowSeconds(), tx);
      await this.writes.stage(tx, GroupEvt.CounterChanged, {
        ...groupEventBase(row, actorOf(caller, req.operatorId), factNotification(row.isActive)),
        op: req.mode,
        counters: result.written.filter((c) => result.changedKeys.includes(c.key)),
        deletedKeys: [],
      });
      this.logger.info(
        { groupId: req.groupId, mode: req.mode, changed: result.changedKeys.length },
        'group counters changed',
      );
      return result.written;
    });
    return { counters: written };
  }

  /** delete_group_counter: App admin only; keys the group lacks are ignored. */
  async delete(caller: CallerContext, req: GroupCounterKeysRequest): Promise<GroupAckReply> {
    assertAdmin(caller);
    const keys = req.keys ?? [];
    applyCounterDelete([], keys);
    const { sdkAppId } = caller;
    assertSupported(await this.loader.load(sdkAppId, req.groupId));
    await this.writes.commit(async (tx) => {
      const row = await this.groups.lockGroup(sdkAppId, req.groupId, tx);
      if (!row) throw GroupError.notFound(req.groupId);
      const current = await this.counters.find(sdkAppId, req.groupId, tx);
      const result = applyCounterDelete(current, keys);
      if (result.deletedKeys.length === 0) return;
      await this.counters.replace(sdkAppId, req.groupId, result.counters, nowSeconds(), tx);
      await this.writes.stage(tx, GroupEvt.CounterChanged, {
        ...groupEventBase(row, actorOf(caller, req.operatorId), factNotification(row.isActive)),
        op: 'delete',
        counters: [],
        deletedKeys: result.deletedKeys,
      });
    });
    return {};
  }
}

function assertAdmin(caller: CallerContext): void {
  if (!isPrivileged(caller))
    throw GroupError.forbidden('group counters are written by the App admin');
}

/** 10007 for a type without counters (none of the built-in types today; custom types follow). */
function assertSupported({ row, caps }: LoadedGroup): void {
  if (!countersSupported(caps.baseType))
    throw GroupError.forbidden(`a ${row.type} group has no counters`);
}
