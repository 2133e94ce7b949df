// Paging of recentcontact/get_list by a `(time, index)` cursor (pure; unit-tested beside).

/** A cursor: the last time answered and how many of that time were answered; (0, 0) first. */
export interface TimeCursor {
  time: number;
  index: number;
}

export interface TimePage<T> {
  items: T[];
  /** Nothing is left after this page. */
  isComplete: boolean;
  next: TimeCursor;
}

/**
 * One page from rows ordered by time, newest first, read from the cursor's time on (the rows
 * of `cursor.time` and older; `limit + cursor.index + 1` of them are enough): the `index` rows
 * of the cursor's time already answered are skipped.
 */
export function pageByTime<T>(
  rows: readonly T[],
  cursor: TimeCursor,
  limit: number,
  timeOf: (row: T) => number,
): TimePage<T> {
  const first = cursor.time === 0 && cursor.index === 0;
  let skip = first ? 0 : cursor.index;
  const rest = rows.filter((r) => {
    if (skip > 0 && timeOf(r) === cursor.time) {
      skip--;
      return false;
    }
    return true;
  });
  const items = rest.slice(0, limit);
  if (items.length === 0) return { items, isComplete: rest.length === 0, next: cursor };
  const lastTime = timeOf(items[items.length - 1]);
  const sameTime = items.filter((r) => timeOf(r) === lastTime).length;
  return {
    items,
    isComplete: rest.length <= limit,
    next: {
      time: lastTime,
      index: !first && lastTime === cursor.time ? cursor.index + sameTime : sameTime,
    },
  };
}
