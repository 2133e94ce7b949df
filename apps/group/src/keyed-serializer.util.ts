/**
 * Runs tasks of the same key one after another, in call order; tasks of different keys run
 * concurrently. The group service queues the membership transactions of one table-stored group
 * here before they take a database connection: a burst of joins to one group (they serialize
 * on the group row's lock anyway) then waits in memory instead of holding every pooled
 * connection while blocked on that lock, and running the pool dry for everyone else
 * (GRP-18/GRP-51: 300 simultaneous joins end with exactly the limit, none failing with 10002).
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with queued or running tasks (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
