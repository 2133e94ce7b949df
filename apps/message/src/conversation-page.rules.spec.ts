import { pageByTime } from './conversation-page.rules';

const byTime = (times: number[]) => times.map((time, i) => ({ id: `c${i}`, time }));
const timeOf = (r: { time: number }) => r.time;

/** Every id read page by page, as a caller holding the cursor would. */
function readAll(times: number[], limit: number): string[][] {
  const rows = byTime(times);
  const pages: string[][] = [];
  let cursor = { time: 0, index: 0 };
  for (let guard = 0; guard < 20; guard++) {
    const first = cursor.time === 0 && cursor.index === 0;
    const from = rows.filter((r) => first || r.time <= cursor.time);
    const page = pageByTime(from, cursor, limit, timeOf);
    pages.push(page.items.map((r) => r.id));
    if (page.isComplete) break;
    cursor = page.next;
  }
  return pages;
}

describe(pageByTime.name, () => {
  it('pages newest first and says when nothing is left', () => {
    expect(readAll([50, 40, 30, 20, 10], 2)).toEqual([['c0', 'c1'], ['c2', 'c3'], ['c4']]);
  });

  it('pages through many rows of one time without repeating or losing one', () => {
    expect(readAll([9, 9, 9, 9, 9], 2)).toEqual([['c0', 'c1'], ['c2', 'c3'], ['c4']]);
  });

  it('answers an empty complete page when there is nothing, keeping the cursor', () => {
    expect(pageByTime([], { time: 5, index: 1 }, 10, timeOf)).toEqual({
      items: [],
      isComplete: true,
      next: { time: 5, index: 1 },
    });
  });
});
