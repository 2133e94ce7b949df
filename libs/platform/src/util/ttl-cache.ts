/**
 * A small in-memory cache with a time to live per entry and a bound on its size. With
 * `groupOf`, entries are indexed by a group (e.g. every sender of one group), so `deleteGroup`
 * drops one group's entries without scanning the cache.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();
  private readonly loading = new Map<K, Promise<V>>();
  private readonly groups = new Map<string, Set<K>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
    private readonly groupOf?: (key: K) => string,
  ) {}

  get(key: K, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= now) {
      this.remove(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: K, value: V, ttlMs = this.ttlMs): void {
    if (ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.remove(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    if (this.groupOf) {
      const group = this.groupOf(key);
      let keys = this.groups.get(group);
      if (!keys) this.groups.set(group, (keys = new Set()));
      keys.add(key);
    }
  }

  /**
   * The cached value, or the loader's (shared by concurrent callers, cached when it succeeds;
   * `ttlOf` may choose a shorter life for some values).
   */
  load(key: K, loader: () => Promise<V>, ttlOf?: (value: V) => number): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = loader().then(
        (value) => {
          // dropped meanwhile (delete, deleteGroup): the value may predate the change
          if (this.loading.get(key) !== pending) return value;
          this.loading.delete(key);
          this.set(key, value, ttlOf ? ttlOf(value) : this.ttlMs);
          return value;
        },
        (err: unknown) => {
          if (this.loading.get(key) === pending) this.loading.delete(key);
          throw err;
        },
      );
      this.loading.set(key, pending);
    }
    return pending;
  }

  delete(key: K): void {
    this.loading.delete(key);
    this.remove(key);
  }

  /** Drops every entry of a group (needs `groupOf`), loads in flight included. */
  deleteGroup(group: string): void {
    if (!this.groupOf) throw new Error('TtlCache.deleteGroup needs groupOf');
    for (const key of this.groups.get(group) ?? []) this.entries.delete(key);
    this.groups.delete(group);
    for (const key of this.loading.keys())
      if (this.groupOf(key) === group) this.loading.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
    this.groups.clear();
  }

  private remove(key: K): void {
    if (!this.entries.delete(key) || !this.groupOf) return;
    const group = this.groupOf(key);
    const keys = this.groups.get(group);
    keys?.delete(key);
    if (keys?.size === 0) this.groups.delete(group);
  }
}
