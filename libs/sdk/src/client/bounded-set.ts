/** How many keys a client remembers to drop duplicates (own sends, recalls, notifications). */
export const REMEMBERED_KEYS = 10_000;

/** Adds a key to a bounded set, forgetting the oldest past the limit; false when it was there. */
export function remember(set: Set<string>, key: string, limit = REMEMBERED_KEYS): boolean {
  if (set.has(key)) return false;
  set.add(key);
  if (set.size > limit) {
    const oldest = set.values().next();
    if (!oldest.done) set.delete(oldest.value);
  }
  return true;
}
