import type { FriendRow, FriendsRepository, NewFriend } from './friends.repository';

type Faked =
  | 'findFriends'
  | 'findOwnersHaving'
  | 'findOwnersOf'
  | 'findFriendIds'
  | 'countFriends'
  | 'insertFriends'
  | 'deletePairs';

/**
 * FriendsRepository in memory, for unit specs of the services: one row per direction (owner,
 * friend), with the repository's semantics. Transactions are ignored.
 */
export class FakeFriendsRepository implements Pick<FriendsRepository, Faked> {
  readonly rows = new Map<string, FriendRow>();

  /** As the FriendsRepository the services inject. */
  asRepository(): FriendsRepository {
    return this as unknown as FriendsRepository;
  }

  /** `userId` has `friendId` in its table. */
  has(userId: string, friendId: string): boolean {
    return this.rows.has(key(userId, friendId));
  }

  /** Puts directions in place (`seed(['alice', 'bob'])`: alice has bob). */
  seed(...pairs: [string, string][]): void {
    for (const [userId, friendId] of pairs)
      this.rows.set(key(userId, friendId), {
        userId,
        friendId,
        remark: '',
        remarkTime: 0,
        groups: [],
        addSource: 'AddSource_Type_Seed',
        addWording: '',
        addTime: 0,
        custom: {},
      });
  }

  findFriends(
    _sdkAppId: number,
    userId: string,
    friendIds: readonly string[],
  ): Promise<Map<string, FriendRow>> {
    const found = friendIds.flatMap((f) => this.rows.get(key(userId, f)) ?? []);
    return Promise.resolve(new Map(found.map((r) => [r.friendId, r])));
  }

  findOwnersHaving(
    _sdkAppId: number,
    friendId: string,
    owners: readonly string[],
  ): Promise<Set<string>> {
    return Promise.resolve(new Set(owners.filter((o) => this.has(o, friendId))));
  }

  findOwnersOf(_sdkAppId: number, friendId: string): Promise<string[]> {
    const owners = [...this.rows.values()].filter((r) => r.friendId === friendId);
    return Promise.resolve(owners.map((r) => r.userId).sort());
  }

  findFriendIds(_sdkAppId: number, userId: string): Promise<string[]> {
    const ids = [...this.rows.values()].filter((r) => r.userId === userId);
    return Promise.resolve(ids.map((r) => r.friendId).sort());
  }

  countFriends(_sdkAppId: number, userIds: readonly string[]): Promise<Map<string, number>> {
    const rows = [...this.rows.values()];
    return Promise.resolve(
      new Map(userIds.map((u) => [u, rows.filter((r) => r.userId === u).length])),
    );
  }

  insertFriends(_sdkAppId: number, rows: NewFriend[]): Promise<void> {
    for (const row of rows) this.rows.set(key(row.userId, row.friendId), { ...row });
    return Promise.resolve();
  }

  deletePairs(
    _sdkAppId: number,
    pairs: { userId: string; friendId: string }[],
  ): Promise<{ userId: string; friendId: string }[]> {
    const deleted = pairs.filter((p) => this.rows.delete(key(p.userId, p.friendId)));
    return Promise.resolve(deleted.map(({ userId, friendId }) => ({ userId, friendId })));
  }
}

function key(userId: string, friendId: string): string {
  return `${userId}\u0000${friendId}`;
}
