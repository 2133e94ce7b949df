import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { GroupEvt } from '@im/contracts';
import type { GroupTypeCapabilities } from '@im/contracts';
import { EventOutbox, NatsBus, PeriodicTask, PLATFORM_LOGGER, REDIS } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { Actor } from './group-actor.model';
import { GroupCacheKeys } from './group.cache-keys';
import type { GroupDb } from './group.db';
import { groupEventBase } from './group-events.mapper';
import { memberChangeNotification } from './group-permissions.rules';
import { GroupRepository } from './group.repository';
import { GroupMemberRepository } from './group-member.repository';
import type { GroupRow } from './group.schema';
import { GroupSettingsReader } from './group-settings.reader';
import { GROUP_DB } from './group.tokens';
import { RoomMemberStore } from './room-member.store';

/** GRP-62: "every 5 minutes". */
export const OFFLINE_SWEEP_INTERVAL_MS = 5 * 60_000;
/** The `Reason` of the removals (in `group.evt.member-kicked`). */
export const OFFLINE_SWEEP_REASON = 'offline member cleanup';
const GROUP_PAGE = 200;
const MEMBER_CHUNK = 500;

/** The platform removes them: counts as the App admin in events. */
const SWEEPER: Actor = { isAppAdmin: true, userId: null, operatorId: 'system' };

export interface OfflineSweepResult {
  /** Whether this instance ran the sweep (another one holds the period's lock otherwise). */
  ran: boolean;
  groups: number;
  removed: number;
}

/**
 * Offline-member cleanup (GRP-62, T13, AMB-19): every 5 minutes, in the groups of the types an
 * app switched `offlineMemberCleanup` on for (a `customGroupTypes` declaration; off for every
 * type by default), ordinary members (role `Member`) without a live connection at that moment
 * (conn-gateway presence, any node) leave the group, as if removed by the App admin with the
 * reason `offline member cleanup`: `group.evt.member-kicked`, notified per T17. The owner and
 * admins are never removed. One instance sweeps per period (a Redis lock held for the period).
 */
@Injectable()
export class OfflineMemberSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask<OfflineSweepResult>;

  constructor(
    private readonly groupRows: GroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly rooms: RoomMemberStore,
    private readonly settings: GroupSettingsReader,
    private readonly outbox: EventOutbox,
    private readonly bus: NatsBus,
    @Inject(GROUP_DB) private readonly db: GroupDb,
    @Inject(REDIS) redis: Redis,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {
    this.task = new PeriodicTask(
      {
        name: 'offline-member sweep',
        everyMs: OFFLINE_SWEEP_INTERVAL_MS,
        logger,
        lock: { redis, key: GroupCacheKeys.offlineSweepLock() },
      },
      (now) => this.sweep(now),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One sweep, unless another instance already swept in this period. */
  async sweepIfDue(now = Date.now()): Promise<OfflineSweepResult> {
    const run = await this.task.runIfDue(now);
    return run.ran ? run.result : { ran: false, groups: 0, removed: 0 };
  }

  /** Sweeps every app that switched the cleanup on for some type (no lock; tests call it). */
  async sweep(now = Date.now()): Promise<OfflineSweepResult> {
    const result: OfflineSweepResult = { ran: true, groups: 0, removed: 0 };
    for (const sdkAppId of await this.groupRows.findAppIds()) {
      const { types } = await this.settings.settingsOf(sdkAppId);
      const swept = [...types.values()].filter((c) => c.offlineMemberCleanup);
      if (swept.length === 0) continue;
      const capsOf = new Map(swept.map((c) => [c.type, c]));
      let after = 0;
      for (;;) {
        const page = await this.groupRows.pageGroupsOfTypes(
          sdkAppId,
          [...capsOf.keys()],
          after,
          GROUP_PAGE,
        );
        for (const row of page) {
          const caps = capsOf.get(row.type);
          if (!caps) continue;
          result.groups++;
          result.removed +=
            caps.storage === 'room'
              ? await this.sweepRoom(row, caps, now)
              : await this.sweepTable(row, caps, now);
        }
        if (page.length < GROUP_PAGE) break;
        after = page[page.length - 1].seq;
      }
    }
    if (result.removed) this.logger.info(result, 'offline members removed');
    return result;
  }

  /** Members of a table-stored group: only role `Member`, re-checked under the group's lock. */
  private async sweepTable(row: GroupRow, caps: GroupTypeCapabilities, now: number) {
    const ordinary = await this.members.memberIds(row.sdkAppId, row.groupId, { roles: ['Member'] });
    const offline = await this.offlineOf(row.sdkAppId, ordinary, now);
    if (offline.length === 0) return 0;
    return this.outbox.commit(this.db, async (tx) => {
      const locked = await this.groupRows.lockGroup(row.sdkAppId, row.groupId, tx);
      if (!locked) return 0;
      const still = await this.members.findMembers(row.sdkAppId, row.groupId, offline, tx);
      const targets = [...still.values()].filter((m) => m.role === 'Member').map((m) => m.userId);
      const deleted = await this.members.deleteMembers(row.sdkAppId, row.groupId, targets, tx);
      if (deleted.length === 0) return 0;
      await this.groupRows.addMemberNum(row.sdkAppId, row.groupId, -deleted.length, tx);
      await this.outbox.stage(tx, GroupEvt.MemberKicked, {
        ...groupEventBase(locked, SWEEPER, memberChangeNotification(caps, locked.isActive)),
        userIds: deleted,
        reason: OFFLINE_SWEEP_REASON,
      });
      return deleted.length;
    });
  }

  /** Viewers of a room-stored group: everyone but the owner (rooms keep no other roles). */
  private async sweepRoom(row: GroupRow, caps: GroupTypeCapabilities, now: number) {
    let removed = 0;
    const chunks: string[][] = [];
    // collected first: removing while scanning the sorted set could skip members
    await this.rooms.forEachChunk(row.sdkAppId, row.groupId, (ids) => {
      chunks.push(ids.filter((id) => id !== row.ownerId));
      return Promise.resolve();
    });
    for (const ids of chunks) {
      const offline = await this.offlineOf(row.sdkAppId, ids, now);
      const left = await this.rooms.leave(row.sdkAppId, row.groupId, offline);
      if (left.length === 0) continue;
      removed += left.length;
      // like every room membership fact: published right after the Redis write (at most once)
      await this.bus.emit(GroupEvt.MemberKicked, {
        ...groupEventBase(row, SWEEPER, memberChangeNotification(caps, true)),
        userIds: left,
        reason: OFFLINE_SWEEP_REASON,
      });
    }
    return removed;
  }

  private async offlineOf(sdkAppId: number, userIds: string[], now: number): Promise<string[]> {
    const offline: string[] = [];
    for (let i = 0; i < userIds.length; i += MEMBER_CHUNK) {
      const chunk = userIds.slice(i, i + MEMBER_CHUNK);
      const live = await this.rooms.liveUsers(sdkAppId, chunk, now);
      offline.push(...chunk.filter((u) => !live.has(u)));
    }
    return offline;
  }
}
