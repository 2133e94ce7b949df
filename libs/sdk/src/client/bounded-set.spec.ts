import { remember } from './bounded-set';

describe('remember', () => {
  it('adds a new key and refuses one it holds', () => {
    const set = new Set<string>();
    expect(remember(set, 'a')).toBe(true);
    expect(remember(set, 'a')).toBe(false);
  });

  it('forgets the oldest key past the limit', () => {
    const set = new Set<string>();
    for (const key of ['a', 'b', 'c']) remember(set, key, 2);
    expect([...set]).toEqual(['b', 'c']);
    expect(remember(set, 'a', 2)).toBe(true);
  });
});
