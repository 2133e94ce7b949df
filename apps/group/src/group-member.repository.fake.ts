import type { GroupRole } from '@im/contracts';

import type { GroupMemberRepository, MemberPatch } from './group-member.repository';
import type { FakeGroupRepository } from './group.repository.fake';
import type { MemberRow, NewMemberRow } from './group.schema';

type Faked =
  | 'insertMembers'
  | 'findMembers'
  | 'memberIds'
  | 'deleteMembers'
  | 'updateMember'
  | 'countOwnedGroups'
  | 'countMemberships'
  | 'lockUsers';

/**
 * GroupMemberRepository in memory, for unit specs of the services: the member rows of
 * table-stored groups, with the repository's semantics (one row per user and group, IDs in
 * order). Reads the groups' types from the group fake, as the SQL joins `groups`.
 */
export class FakeGroupMemberRepository implements Pick<GroupMemberRepository, Faked> {
  readonly rows = new Map<string, MemberRow>();
  /** Users whose advisory lock was taken, in order. */
  readonly locked: string[] = [];

  constructor(private readonly groups: FakeGroupRepository) {}

  /** As the GroupMemberRepository the services inject. */
  asRepository(): GroupMemberRepository {
    return this as unknown as GroupMemberRepository;
  }

  /** Member rows of a group, by user ID. */
  of(sdkAppId: number, groupId: string): MemberRow[] {
    return [...this.rows.values()]
      .filter((m) => m.sdkAppId === sdkAppId && m.groupId === groupId)
      .sort((a, b) => (a.userId < b.userId ? -1 : 1));
  }

  insertMembers(rows: NewMemberRow[]): Promise<string[]> {
    const added: string[] = [];
    for (const row of rows) {
      const k = key(row.sdkAppId, row.groupId, row.userId);
      if (this.rows.has(k)) continue;
      this.rows.set(k, makeMemberRow(row));
      added.push(row.userId);
    }
    return Promise.resolve(added);
  }

  findMembers(
    sdkAppId: number,
    groupId: string,
    userIds: readonly string[],
  ): Promise<Map<string, MemberRow>> {
    const found = userIds.flatMap((u) => this.rows.get(key(sdkAppId, groupId, u)) ?? []);
    return Promise.resolve(new Map(found.map((m) => [m.userId, m])));
  }

  memberIds(
    sdkAppId: number,
    groupId: string,
    options: { roles?: readonly GroupRole[] } = {},
  ): Promise<string[]> {
    const rows = this.of(sdkAppId, groupId).filter(
      (m) => !options.roles || options.roles.includes(m.role),
    );
    return Promise.resolve(rows.map((m) => m.userId));
  }

  deleteMembers(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<string[]> {
    const deleted = userIds.filter((u) => this.rows.delete(key(sdkAppId, groupId, u)));
    return Promise.resolve(deleted);
  }

  updateMember(
    sdkAppId: number,
    groupId: string,
    userId: string,
    patch: MemberPatch,
  ): Promise<void> {
    const row = this.rows.get(key(sdkAppId, groupId, userId));
    if (row) Object.assign(row, patch);
    return Promise.resolve();
  }

  async countOwnedGroups(sdkAppId: number, userId: string, type: string): Promise<number> {
    let n = 0;
    for (const m of this.rows.values()) {
      if (m.sdkAppId !== sdkAppId || m.userId !== userId || m.role !== 'Owner') continue;
      if ((await this.groups.findGroup(sdkAppId, m.groupId))?.type === type) n++;
    }
    return n;
  }

  countMemberships(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const m of this.rows.values())
      if (m.sdkAppId === sdkAppId && userIds.includes(m.userId))
        counts.set(m.userId, (counts.get(m.userId) ?? 0) + 1);
    return Promise.resolve(counts);
  }

  lockUsers(_sdkAppId: number, userIds: readonly string[]): Promise<void> {
    this.locked.push(...userIds);
    return Promise.resolve();
  }
}

function key(sdkAppId: number, groupId: string, userId: string): string {
  return `${sdkAppId}:${groupId}:${userId}`;
}

/** A member row with the table's defaults. */
export function makeMemberRow(row: NewMemberRow): MemberRow {
  return {
    msgSeq: 0,
    lastSendMsgTime: 0,
    nameCard: '',
    muteUntil: 0,
    customData: {},
    ...row,
  };
}
