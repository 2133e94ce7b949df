interface Batch<C, T, R> {
  context: C;
  items: T[];
  waiters: { resolve: (answer: R) => void; reject: (err: unknown) => void }[];
}

/**
 * Gathers the items added under one key during one turn of the event loop and hands them to
 * `run` together at the end of the turn (one batch per key: e.g. every join to one room). Each
 * `add` resolves to the answer at its item's index; a batch that fails, or answers fewer items
 * than it was given, rejects the items it did not answer.
 */
export class TurnBatcher<C, T, R> {
  private batches = new Map<string, Batch<C, T, R>>();
  private scheduled = false;

  /** `run` gets the context of the batch's first item and every item, in the order added. */
  constructor(private readonly run: (context: C, items: T[]) => Promise<R[]>) {}

  add(key: string, context: C, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let batch = this.batches.get(key);
      if (!batch) this.batches.set(key, (batch = { context, items: [], waiters: [] }));
      batch.items.push(item);
      batch.waiters.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batches = [...this.batches.values()];
    this.batches.clear();
    this.scheduled = false;
    for (const batch of batches) void this.settle(batch);
  }

  private async settle({ context, items, waiters }: Batch<C, T, R>): Promise<void> {
    try {
      const answers = await this.run(context, items);
      waiters.forEach((w, i) =>
        i < answers.length
          ? w.resolve(answers[i])
          : w.reject(new Error('batch left it unanswered')),
      );
    } catch (err) {
      for (const w of waiters) w.reject(err);
    }
  }
}
