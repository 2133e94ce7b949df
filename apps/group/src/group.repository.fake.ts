import type {
  GroupInfoPatch,
  GroupRepository,
  QuotaLimits,
  QuotaVerdict,
} from './group.repository';
import type { GroupRow, NewGroupRow } from './group.schema';

type Faked =
  | 'insertGroup'
  | 'findGroup'
  | 'findGroups'
  | 'lockGroup'
  | 'updateInfo'
  | 'addMemberNum'
  | 'reserveSeats'
  | 'deleteGroup'
  | 'reserveCreation'
  | 'findAppIds'
  | 'pageGroupsOfTypes';

/**
 * GroupRepository in memory, for unit specs of the services: the groups of every app and the
 * creation quotas, with the repository's semantics (IDs unique per app, seats reserved within
 * the limit, quotas counted per UTC day). Transactions are ignored: each call applies at once.
 */
export class FakeGroupRepository implements Pick<GroupRepository, Faked> {
  readonly rows = new Map<string, GroupRow>();
  readonly quotas = new Map<
    number,
    { day: string; dayNet: number; total: number; bchatrooms: number }
  >();
  private seq = 0;

  /** As the GroupRepository the services inject. */
  asRepository(): GroupRepository {
    return this as unknown as GroupRepository;
  }

  /** Puts a group in place, with defaults for what is not given. */
  seed(overrides: Partial<GroupRow> & Pick<GroupRow, 'sdkAppId' | 'groupId'>): GroupRow {
    const row = makeGroupRow(++this.seq, overrides);
    this.rows.set(key(row.sdkAppId, row.groupId), row);
    return row;
  }

  insertGroup(row: NewGroupRow): Promise<GroupRow | undefined> {
    if (this.rows.has(key(row.sdkAppId, row.groupId))) return Promise.resolve(undefined);
    return Promise.resolve(this.seed(row));
  }

  findGroup(sdkAppId: number, groupId: string): Promise<GroupRow | undefined> {
    return Promise.resolve(this.rows.get(key(sdkAppId, groupId)));
  }

  findGroups(sdkAppId: number, groupIds: readonly string[]): Promise<Map<string, GroupRow>> {
    const found = groupIds.flatMap((id) => this.rows.get(key(sdkAppId, id)) ?? []);
    return Promise.resolve(new Map(found.map((r) => [r.groupId, r])));
  }

  lockGroup(sdkAppId: number, groupId: string): Promise<GroupRow | undefined> {
    return this.findGroup(sdkAppId, groupId);
  }

  updateInfo(
    sdkAppId: number,
    groupId: string,
    patch: GroupInfoPatch,
    now: number,
  ): Promise<GroupRow> {
    const row = this.get(sdkAppId, groupId);
    Object.assign(row, patch, { infoSeq: row.infoSeq + 1, lastInfoTime: now });
    return Promise.resolve(row);
  }

  addMemberNum(sdkAppId: number, groupId: string, delta: number): Promise<void> {
    const row = this.rows.get(key(sdkAppId, groupId));
    if (row) row.memberNum += delta;
    return Promise.resolve();
  }

  reserveSeats(
    sdkAppId: number,
    groupId: string,
    count: number,
    typeLimit: number | null,
  ): Promise<{ reserved: boolean; exists: boolean; maxMemberNum: number }> {
    const row = this.rows.get(key(sdkAppId, groupId));
    if (!row) return Promise.resolve({ reserved: false, exists: false, maxMemberNum: 0 });
    const limit = typeLimit === null ? null : Math.min(typeLimit, row.maxMemberNum || Infinity);
    const reserved = limit === null || row.memberNum + count <= limit;
    if (reserved) row.memberNum += count;
    return Promise.resolve({ reserved, exists: true, maxMemberNum: row.maxMemberNum });
  }

  deleteGroup(sdkAppId: number, groupId: string): Promise<boolean> {
    return Promise.resolve(this.rows.delete(key(sdkAppId, groupId)));
  }

  reserveCreation(
    sdkAppId: number,
    kind: 'daily' | 'bchatroom',
    limits: QuotaLimits,
    today: string,
  ): Promise<QuotaVerdict> {
    const quota = this.quotas.get(sdkAppId) ?? { day: today, dayNet: 0, total: 0, bchatrooms: 0 };
    const dayNet = quota.day === today ? quota.dayNet : 0;
    if (quota.total >= limits.appGroupLimit) return Promise.resolve('total');
    if (kind === 'daily' && dayNet >= limits.dailyCreateLimit) return Promise.resolve('daily');
    if (kind === 'bchatroom' && quota.bchatrooms >= limits.bChatRoomLimit)
      return Promise.resolve('bchatroom');
    this.quotas.set(sdkAppId, {
      day: today,
      dayNet: kind === 'daily' ? dayNet + 1 : dayNet,
      total: quota.total + 1,
      bchatrooms: quota.bchatrooms + (kind === 'bchatroom' ? 1 : 0),
    });
    return Promise.resolve('ok');
  }

  findAppIds(): Promise<number[]> {
    return Promise.resolve([...new Set([...this.rows.values()].map((r) => r.sdkAppId))]);
  }

  pageGroupsOfTypes(
    sdkAppId: number,
    types: readonly string[],
    afterSeq: number,
    limit: number,
  ): Promise<GroupRow[]> {
    const page = [...this.rows.values()]
      .filter((r) => r.sdkAppId === sdkAppId && types.includes(r.type) && r.seq > afterSeq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
    return Promise.resolve(page);
  }

  private get(sdkAppId: number, groupId: string): GroupRow {
    const row = this.rows.get(key(sdkAppId, groupId));
    if (!row) throw new Error(`no group ${groupId} in app ${sdkAppId}`);
    return row;
  }
}

function key(sdkAppId: number, groupId: string): string {
  return `${sdkAppId}:${groupId}`;
}

/** A group row with the table's defaults (`makeGroupRow(1, { type: 'Public' })`). */
export function makeGroupRow(
  seq: number,
  overrides: Partial<GroupRow> & Pick<GroupRow, 'sdkAppId' | 'groupId'>,
): GroupRow {
  return {
    seq,
    type: 'Public',
    baseType: 'Public',
    supportTopic: false,
    name: 'group',
    introduction: '',
    notification: '',
    faceUrl: '',
    ownerId: null,
    createTime: 0,
    infoSeq: 1,
    lastInfoTime: 0,
    lastMsgTime: 0,
    nextMsgSeq: 1,
    memberNum: 0,
    maxMemberNum: 0,
    applyJoinOption: 'NeedPermission',
    inviteJoinOption: null,
    historyBeforeJoin: null,
    muteAll: false,
    isActive: true,
    customData: {},
    createdAt: new Date(0),
    ...overrides,
  };
}
