import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { MsgFlags, PresenceCacheKeys } from '@im/contracts';
import type { MsgFlag, PresenceSession } from '@im/contracts';
import { PLATFORM_LOGGER, REDIS } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { GroupCacheKeys, ROOM_TTL_SECONDS } from './group.cache-keys';

/** A member of a room-stored group as Redis holds it. */
export interface RoomMember {
  userId: string;
  /** Epoch milliseconds. */
  joinedAtMs: number;
}

export interface RoomCard {
  nameCard?: string;
  msgFlag?: MsgFlag;
}

const SCAN_CHUNK = 1000;

/** What `joinMany` did for one user. */
export type RoomJoinOutcome = 'joined' | 'already' | 'overQuota' | 'banned';

/** One user of a batch of joins: how many counted rooms they may still be in, or a verdict. */
export interface RoomJoinEntry {
  userId: string;
  /**
   * `number`: the user joins while in fewer counted rooms than this (quota minus table
   * memberships); `'unchecked'`: no quota check (uncounted room); `'owner'`: the owner, who is
   * recorded but already a member; `'banned'`: refused unless already in.
   */
  allowance: number | 'unchecked' | 'owner' | 'banned';
}

const ALLOWANCE_CODE = { unchecked: -1, banned: -2, owner: -3 } as const;
const JOIN_OUTCOMES: Record<number, RoomJoinOutcome> = {
  0: 'already',
  1: 'joined',
  2: 'overQuota',
  3: 'banned',
};

/**
 * A batch of joins to one room in one step (KEYS[1] the member set, KEYS[1 + i] user i's room
 * list; ARGV: join time, TTL, group ID, counted flag, then per user its ID and allowance code).
 * Per user in order: already in → 0; banned → 3; over the quota → 2; else added → 1 (the owner
 * is added but answers 0). Users earlier in the batch count for later ones (same user twice).
 */
const JOIN_MANY = `
local members = KEYS[1]
local at, ttl, gid, counted = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
local out, added = {}, 0
for j = 1, #KEYS - 1 do
  local uid, allow, rooms = ARGV[3 + 2 * j], tonumber(ARGV[4 + 2 * j]), KEYS[j + 1]
  local code = 0
  if redis.call('ZSCORE', members, uid) then
    code = 0
  elseif allow == -2 then
    code = 3
  else
    local fits = true
    if allow >= 0 then
      local n = 0
      for _, v in ipairs(redis.call('HVALS', rooms)) do
        if v == '1' then n = n + 1 end
      end
      fits = n < allow
    end
    if fits then
      redis.call('ZADD', members, at, uid)
      redis.call('HSET', rooms, gid, counted)
      redis.call('EXPIRE', rooms, ttl)
      added = added + 1
      if allow == -3 then code = 0 else code = 1 end
    else
      code = 2
    end
  end
  out[j] = code
end
if added > 0 then redis.call('EXPIRE', members, ttl) end
return out
`;

/**
 * modify_user_info in one step (KEYS[1] the member set, KEYS[2] the marks hash; ARGV: op,
 * marks per room at most, members per mark at most, TTL, then per account its ID and its
 * marks comma-separated). Accounts that are not members are passed over. Answers `ok` and the
 * accounts changed, or `marks` / `holders` when a `set` would pass a limit (nothing written).
 */
const MODIFY_MARKS = `
local members, key = KEYS[1], KEYS[2]
local op, roomMax, markMax, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local held = {}
local flat = redis.call('HGETALL', key)
for i = 1, #flat, 2 do
  local set = {}
  for m in string.gmatch(flat[i + 1], '[^,]+') do set[m] = true end
  held[flat[i]] = set
end
local applied, changed = {}, {}
for i = 5, #ARGV, 2 do
  local uid = ARGV[i]
  if redis.call('ZSCORE', members, uid) then
    local set = held[uid] or {}
    for m in string.gmatch(ARGV[i + 1], '[^,]+') do
      if op == 'set' then set[m] = true else set[m] = nil end
    end
    held[uid] = set
    if not changed[uid] then applied[#applied + 1] = uid end
    changed[uid] = true
  end
end
if op == 'set' then
  local count, distinct = {}, 0
  for _, set in pairs(held) do
    for m in pairs(set) do
      if not count[m] then
        count[m] = 0
        distinct = distinct + 1
      end
      count[m] = count[m] + 1
    end
  end
  if distinct > roomMax then return {'marks'} end
  for _, n in pairs(count) do
    if n > markMax then return {'holders'} end
  end
end
for uid in pairs(changed) do
  local parts = {}
  for m in pairs(held[uid]) do parts[#parts + 1] = m end
  if #parts == 0 then
    redis.call('HDEL', key, uid)
  else
    redis.call('HSET', key, uid, table.concat(parts, ','))
  end
end
if op == 'set' and #applied > 0 then redis.call('EXPIRE', key, ttl) end
local out = {'ok'}
for _, uid in ipairs(applied) do out[#out + 1] = uid end
return out
`;

/** What `modifyMarks` did: the members changed, or the limit a `set` would pass. */
export type MarksOutcome =
  { ok: true; userIds: string[] } | { ok: false; limit: 'marksPerRoom' | 'membersPerMark' };

type RoomRedis = Redis & {
  groupRoomJoinMany(numKeys: number, ...args: (string | number)[]): Promise<number[]>;
  groupRoomModifyMarks(
    members: string,
    marks: string,
    ...args: (string | number)[]
  ): Promise<string[]>;
};

/**
 * Members of AVChatRoom and BChatRoom groups: a sorted set per room (O(log n) join and leave,
 * join order for free), small hashes for the few members with a mute or a name card, and per
 * user the rooms they are in. Nothing here grows with the room but the set itself.
 */
@Injectable()
export class RoomMemberStore {
  private readonly redis: RoomRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {
    redis.defineCommand('groupRoomJoinMany', { lua: JOIN_MANY });
    redis.defineCommand('groupRoomModifyMarks', { numberOfKeys: 2, lua: MODIFY_MARKS });
    this.redis = redis as RoomRedis;
  }

  /**
   * Joins a batch of users to a room in one Redis step (one script, whatever the batch size):
   * the hot path of viewers entering a live room. Outcomes in the entries' order.
   */
  async joinMany(
    sdkAppId: number,
    groupId: string,
    entries: readonly RoomJoinEntry[],
    joinedAtMs: number,
    counted: boolean,
  ): Promise<RoomJoinOutcome[]> {
    if (entries.length === 0) return [];
    const keys = [
      GroupCacheKeys.roomMembers(sdkAppId, groupId),
      ...entries.map((e) => GroupCacheKeys.userRooms(sdkAppId, e.userId)),
    ];
    const args: (string | number)[] = [joinedAtMs, ROOM_TTL_SECONDS, groupId, counted ? '1' : '0'];
    for (const e of entries)
      args.push(
        e.userId,
        typeof e.allowance === 'number' ? Math.max(0, e.allowance) : ALLOWANCE_CODE[e.allowance],
      );
    const codes = await this.redis.groupRoomJoinMany(keys.length, ...keys, ...args);
    return codes.map((c) => JOIN_OUTCOMES[Number(c)] ?? 'already');
  }

  /** Adds a member; false when already in. `counted`: the room counts toward the user quota. */
  async join(
    sdkAppId: number,
    groupId: string,
    userId: string,
    joinedAtMs: number,
    counted: boolean,
  ): Promise<boolean> {
    const members = GroupCacheKeys.roomMembers(sdkAppId, groupId);
    const rooms = GroupCacheKeys.userRooms(sdkAppId, userId);
    const results = await this.redis
      .multi()
      .zadd(members, 'NX', joinedAtMs, userId)
      .expire(members, ROOM_TTL_SECONDS)
      .hset(rooms, groupId, counted ? '1' : '0')
      .expire(rooms, ROOM_TTL_SECONDS)
      .exec();
    return Number(results?.[0]?.[1] ?? 0) === 1;
  }

  /** Whether a user is in the room, and how many counted rooms they are in (one round trip). */
  async joinState(
    sdkAppId: number,
    groupId: string,
    userId: string,
  ): Promise<{ joined: boolean; countedRooms: number }> {
    const results =
      (await this.redis
        .pipeline()
        .zscore(GroupCacheKeys.roomMembers(sdkAppId, groupId), userId)
        .hvals(GroupCacheKeys.userRooms(sdkAppId, userId))
        .exec()) ?? [];
    const score = results[0]?.[1] as string | null | undefined;
    const rooms = (results[1]?.[1] as string[] | undefined) ?? [];
    return {
      joined: score !== null && score !== undefined,
      countedRooms: rooms.filter((v) => v === '1').length,
    };
  }

  /** Removes members; returns those that were in. */
  async leave(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const members = GroupCacheKeys.roomMembers(sdkAppId, groupId);
    const multi = this.redis.multi();
    for (const userId of userIds) multi.zrem(members, userId);
    multi.hdel(GroupCacheKeys.roomMuted(sdkAppId, groupId), ...userIds);
    multi.hdel(GroupCacheKeys.roomCards(sdkAppId, groupId), ...userIds);
    multi.hdel(GroupCacheKeys.roomMarks(sdkAppId, groupId), ...userIds);
    for (const userId of userIds) multi.hdel(GroupCacheKeys.userRooms(sdkAppId, userId), groupId);
    const results = (await multi.exec()) ?? [];
    return userIds.filter((_, i) => Number(results[i]?.[1] ?? 0) === 1);
  }

  /** Join times (epoch ms) of the given users that are members. */
  async joinTimes(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
  ): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const scores = await this.redis.zmscore(
      GroupCacheKeys.roomMembers(sdkAppId, groupId),
      ...userIds,
    );
    const out = new Map<string, number>();
    userIds.forEach((userId, i) => {
      const score = scores[i];
      if (score !== null && score !== undefined) out.set(userId, Number(score));
    });
    return out;
  }

  async count(sdkAppId: number, groupId: string): Promise<number> {
    return this.redis.zcard(GroupCacheKeys.roomMembers(sdkAppId, groupId));
  }

  /** Members in join order, from index `start`, at most `limit`. */
  async range(
    sdkAppId: number,
    groupId: string,
    start: number,
    limit: number,
  ): Promise<RoomMember[]> {
    if (limit <= 0) return [];
    const flat = await this.redis.zrange(
      GroupCacheKeys.roomMembers(sdkAppId, groupId),
      String(start),
      String(start + limit - 1),
      'WITHSCORES',
    );
    const out: RoomMember[] = [];
    for (let i = 0; i < flat.length; i += 2)
      out.push({ userId: flat[i], joinedAtMs: Number(flat[i + 1]) });
    return out;
  }

  /** Members who joined after `afterMs` (exclusive; 0 = from the first), in join order. */
  async rangeAfter(
    sdkAppId: number,
    groupId: string,
    afterMs: number,
    limit: number,
  ): Promise<RoomMember[]> {
    const flat = await this.redis.zrangebyscore(
      GroupCacheKeys.roomMembers(sdkAppId, groupId),
      afterMs > 0 ? `(${afterMs}` : '-inf',
      '+inf',
      'WITHSCORES',
      'LIMIT',
      0,
      limit,
    );
    const out: RoomMember[] = [];
    for (let i = 0; i < flat.length; i += 2)
      out.push({ userId: flat[i], joinedAtMs: Number(flat[i + 1]) });
    return out;
  }

  /** Calls `visit` with successive chunks of member IDs (for online counts). */
  async forEachChunk(
    sdkAppId: number,
    groupId: string,
    visit: (userIds: string[]) => Promise<void>,
  ): Promise<void> {
    const key = GroupCacheKeys.roomMembers(sdkAppId, groupId);
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.zscan(key, cursor, 'COUNT', SCAN_CHUNK);
      cursor = next;
      const ids: string[] = [];
      for (let i = 0; i < flat.length; i += 2) ids.push(flat[i]);
      if (ids.length) await visit(ids);
    } while (cursor !== '0');
  }

  /** Sets (muteUntil > 0) or clears the mute of members. */
  async setMute(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
    muteUntil: number,
  ): Promise<void> {
    if (userIds.length === 0) return;
    const key = GroupCacheKeys.roomMuted(sdkAppId, groupId);
    if (muteUntil === 0) {
      await this.redis.hdel(key, ...userIds);
      return;
    }
    await this.redis
      .multi()
      .hset(key, Object.fromEntries(userIds.map((u) => [u, String(muteUntil)])))
      .expire(key, ROOM_TTL_SECONDS)
      .exec();
  }

  /** Mute-until of the given users (0 = not muted). */
  async muteUntil(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
  ): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const values = await this.redis.hmget(GroupCacheKeys.roomMuted(sdkAppId, groupId), ...userIds);
    return new Map(userIds.map((u, i) => [u, Number(values[i] ?? 0)]));
  }

  /** Every mute entry of the room (expired ones included; the caller filters by time). */
  async allMuted(sdkAppId: number, groupId: string): Promise<Map<string, number>> {
    const all = await this.redis.hgetall(GroupCacheKeys.roomMuted(sdkAppId, groupId));
    return new Map(Object.entries(all).map(([u, v]) => [u, Number(v)]));
  }

  async cards(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
  ): Promise<Map<string, RoomCard>> {
    if (userIds.length === 0) return new Map();
    const values = await this.redis.hmget(GroupCacheKeys.roomCards(sdkAppId, groupId), ...userIds);
    const out = new Map<string, RoomCard>();
    userIds.forEach((u, i) => {
      const raw = values[i];
      if (raw) out.set(u, parseCard(raw));
    });
    return out;
  }

  async setCard(sdkAppId: number, groupId: string, userId: string, card: RoomCard): Promise<void> {
    const key = GroupCacheKeys.roomCards(sdkAppId, groupId);
    await this.redis
      .multi()
      .hset(key, userId, JSON.stringify(card))
      .expire(key, ROOM_TTL_SECONDS)
      .exec();
  }

  /**
   * Sets (`set`) or takes off (`unset`) marks of members, in one step: members only (others
   * are passed over), at most `limits.marksPerRoom` different marks in the room and
   * `limits.membersPerMark` members per mark after a `set`, else nothing is written.
   */
  async modifyMarks(
    sdkAppId: number,
    groupId: string,
    op: 'set' | 'unset',
    entries: readonly { userId: string; marks: readonly number[] }[],
    limits: { marksPerRoom: number; membersPerMark: number },
  ): Promise<MarksOutcome> {
    const args: (string | number)[] = [
      op,
      limits.marksPerRoom,
      limits.membersPerMark,
      ROOM_TTL_SECONDS,
    ];
    for (const e of entries) args.push(e.userId, e.marks.join(','));
    const [status, ...userIds] = await this.redis.groupRoomModifyMarks(
      GroupCacheKeys.roomMembers(sdkAppId, groupId),
      GroupCacheKeys.roomMarks(sdkAppId, groupId),
      ...args,
    );
    if (status === 'marks') return { ok: false, limit: 'marksPerRoom' };
    if (status === 'holders') return { ok: false, limit: 'membersPerMark' };
    return { ok: true, userIds };
  }

  /** Marks of the given users that have any, ascending. */
  async marksOf(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
  ): Promise<Map<string, number[]>> {
    if (userIds.length === 0) return new Map();
    const values = await this.redis.hmget(GroupCacheKeys.roomMarks(sdkAppId, groupId), ...userIds);
    const out = new Map<string, number[]>();
    userIds.forEach((u, i) => {
      const raw = values[i];
      if (raw) out.set(u, parseMarks(raw));
    });
    return out;
  }

  /** The members carrying `mark` (at most marks-per-room × members-per-mark entries to read). */
  async markHolders(sdkAppId: number, groupId: string, mark: number): Promise<string[]> {
    const all = await this.redis.hgetall(GroupCacheKeys.roomMarks(sdkAppId, groupId));
    return Object.entries(all)
      .filter(([, raw]) => parseMarks(raw).includes(mark))
      .map(([userId]) => userId);
  }

  /** Members who joined at exactly `joinedAtMs`, in the set's order (a page's last run). */
  async joinedAt(sdkAppId: number, groupId: string, joinedAtMs: number): Promise<RoomMember[]> {
    const ids = await this.redis.zrangebyscore(
      GroupCacheKeys.roomMembers(sdkAppId, groupId),
      joinedAtMs,
      joinedAtMs,
    );
    return ids.map((userId) => ({ userId, joinedAtMs }));
  }

  /** The rooms a user is in: group ID → whether it counts toward the quota. */
  async roomsOf(sdkAppId: number, userId: string): Promise<Map<string, boolean>> {
    const all = await this.redis.hgetall(GroupCacheKeys.userRooms(sdkAppId, userId));
    return new Map(Object.entries(all).map(([g, v]) => [g, v === '1']));
  }

  /** Rooms counting toward the quota, per user. */
  async countedRooms(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const pipeline = this.redis.pipeline();
    for (const u of userIds) pipeline.hvals(GroupCacheKeys.userRooms(sdkAppId, u));
    const results = (await pipeline.exec()) ?? [];
    return new Map(
      userIds.map((u, i) => {
        const values = (results[i]?.[1] as string[] | undefined) ?? [];
        return [u, values.filter((v) => v === '1').length];
      }),
    );
  }

  /** Forgets a stale entry of a user's room list (the room is gone). */
  async forgetRoom(sdkAppId: number, userId: string, groupId: string): Promise<void> {
    await this.redis.hdel(GroupCacheKeys.userRooms(sdkAppId, userId), groupId);
  }

  /**
   * Drops a dismissed room at once (its keys are renamed away, so a new group with the same ID
   * starts empty) and removes it from its members' room lists in the background.
   */
  async destroy(sdkAppId: number, groupId: string): Promise<void> {
    const graveyard = GroupCacheKeys.roomGraveyard(sdkAppId, groupId, randomUUID());
    const members = GroupCacheKeys.roomMembers(sdkAppId, groupId);
    const moved = await this.redis
      .multi()
      .exists(members)
      .renamenx(members, graveyard)
      .del(
        GroupCacheKeys.roomMuted(sdkAppId, groupId),
        GroupCacheKeys.roomCards(sdkAppId, groupId),
        GroupCacheKeys.roomMarks(sdkAppId, groupId),
      )
      .exec()
      .catch(() => null);
    // RENAMENX fails on a missing key; nothing to clean up then.
    if (!moved || Number(moved[0]?.[1] ?? 0) === 0) return;
    await this.redis.expire(graveyard, ROOM_TTL_SECONDS);
    void this.sweep(sdkAppId, groupId, graveyard).catch((err: unknown) =>
      this.logger.warn({ err, groupId }, 'room cleanup failed; stale room entries expire'),
    );
  }

  private async sweep(sdkAppId: number, groupId: string, graveyard: string): Promise<void> {
    for (;;) {
      const flat = await this.redis.zpopmin(graveyard, SCAN_CHUNK);
      if (flat.length === 0) return;
      const pipeline = this.redis.pipeline();
      for (let i = 0; i < flat.length; i += 2)
        pipeline.hdel(GroupCacheKeys.userRooms(sdkAppId, flat[i]), groupId);
      await pipeline.exec();
    }
  }

  /** How many of the users have a live session (conn-gateway presence). */
  async onlineUsers(sdkAppId: number, userIds: readonly string[], nowMs: number): Promise<number> {
    return (await this.liveUsers(sdkAppId, userIds, nowMs)).size;
  }

  /** The users with at least one live session (conn-gateway presence), on any gateway node. */
  async liveUsers(
    sdkAppId: number,
    userIds: readonly string[],
    nowMs: number,
  ): Promise<Set<string>> {
    const live = new Set<string>();
    if (userIds.length === 0) return live;
    const pipeline = this.redis.pipeline();
    for (const u of userIds) pipeline.hvals(PresenceCacheKeys.sessions(sdkAppId, u));
    const results = (await pipeline.exec()) ?? [];
    results.forEach(([err, values], i) => {
      if (err) throw err;
      const sessions = (values as string[] | undefined) ?? [];
      if (sessions.some((raw) => isLive(raw, nowMs))) live.add(userIds[i]);
    });
    return live;
  }
}

function parseMarks(raw: string): number[] {
  return raw
    .split(',')
    .map(Number)
    .filter((m) => Number.isInteger(m))
    .sort((a, b) => a - b);
}

function parseCard(raw: string): RoomCard {
  try {
    const value = JSON.parse(raw) as RoomCard;
    return {
      nameCard: typeof value.nameCard === 'string' ? value.nameCard : undefined,
      msgFlag: (MsgFlags as readonly string[]).includes(value.msgFlag ?? '')
        ? value.msgFlag
        : undefined,
    };
  } catch {
    return {};
  }
}

function isLive(raw: string, nowMs: number): boolean {
  try {
    const session = JSON.parse(raw) as Partial<PresenceSession>;
    return typeof session.expiresAt === 'number' && session.expiresAt > nowMs;
  } catch {
    return false;
  }
}
