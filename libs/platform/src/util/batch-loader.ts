interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (err: unknown) => void;
}

/**
 * Gathers the keys asked for during one turn of the event loop, per app, into one batched
 * request (at most `maxBatch` keys each): under load, a hundred sends of new senders cost one
 * `profile.rpc.get` instead of a hundred. A key the batch does not answer resolves to
 * `undefined`; a failed batch rejects every key in it.
 */
export class BatchLoader<V> {
  private pending = new Map<number, Map<string, Waiter<V>[]>>();
  private scheduled = false;

  constructor(
    private readonly loadBatch: (sdkAppId: number, keys: string[]) => Promise<Map<string, V>>,
    private readonly maxBatch = 100,
  ) {}

  load(sdkAppId: number, key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      let keys = this.pending.get(sdkAppId);
      if (!keys) this.pending.set(sdkAppId, (keys = new Map<string, Waiter<V>[]>()));
      const waiters = keys.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else keys.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    for (const [sdkAppId, keys] of pending) {
      const all = [...keys.keys()];
      for (let i = 0; i < all.length; i += this.maxBatch)
        void this.run(sdkAppId, all.slice(i, i + this.maxBatch), keys);
    }
  }

  private async run(
    sdkAppId: number,
    batch: string[],
    waiters: Map<string, Waiter<V>[]>,
  ): Promise<void> {
    try {
      const found = await this.loadBatch(sdkAppId, batch);
      for (const key of batch) for (const w of waiters.get(key) ?? []) w.resolve(found.get(key));
    } catch (err) {
      for (const key of batch) for (const w of waiters.get(key) ?? []) w.reject(err);
    }
  }
}
