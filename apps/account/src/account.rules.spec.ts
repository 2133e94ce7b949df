import { AccountToImport } from '@im/contracts';

import { distinct, distinctByUserId, importItemProblem } from './account.rules';

function makeItem(overrides: Partial<AccountToImport> = {}): AccountToImport {
  return { userId: 'alice', ...overrides };
}

describe(importItemProblem.name, () => {
  const sut = importItemProblem;

  it('accepts an ID of exactly 32 bytes with a nick and face URL of exactly 500 bytes', () => {
    const item = makeItem({
      userId: 'u'.repeat(32),
      nick: '\u00e9'.repeat(250), // 2 bytes each
      faceUrl: 'f'.repeat(500),
    });

    expect(sut(item)).toBeUndefined();
  });

  it.each([
    ['is empty', ''],
    ['is 33 bytes', 'u'.repeat(33)],
    ['is 11 characters but 33 UTF-8 bytes', '\u4e2d'.repeat(11)],
    ['contains a newline', 'bad\nid'],
    ['contains a NUL', 'bad\u0000id'],
    ['contains DEL', 'bad\u007fid'],
  ])('names the UserID when it %s', (_case, userId) => {
    expect(sut(makeItem({ userId }))).toMatch(/UserID/);
  });

  it('rejects a nick of 501 UTF-8 bytes', () => {
    expect(sut(makeItem({ nick: '\u4e2d'.repeat(167) }))).toMatch(/Nick/);
  });

  it('rejects a face URL of 501 bytes', () => {
    expect(sut(makeItem({ faceUrl: 'f'.repeat(501) }))).toMatch(/FaceUrl/);
  });

  it('accepts an empty nick and face URL', () => {
    expect(sut(makeItem({ nick: '', faceUrl: '' }))).toBeUndefined();
  });

  it('takes a null nick and face URL as not given', () => {
    const item = { userId: 'alice', nick: null, faceUrl: null } as unknown as AccountToImport;

    expect(sut(item)).toBeUndefined();
  });
});

describe(distinct.name, () => {
  const sut = distinct;

  it('keeps each value once, in order of first appearance', () => {
    expect(sut(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });

  it('returns an empty list for an empty list', () => {
    expect(sut([])).toEqual([]);
  });
});

describe(distinctByUserId.name, () => {
  const sut = distinctByUserId;

  it('drops repeated user IDs and keeps the first occurrence', () => {
    const items = [
      makeItem({ userId: 'a', nick: 'first' }),
      makeItem({ userId: 'b' }),
      makeItem({ userId: 'a', nick: 'second' }),
    ];

    expect(sut(items)).toEqual([{ userId: 'a', nick: 'first' }, { userId: 'b' }]);
  });

  it('treats user IDs case-sensitively', () => {
    expect(sut([makeItem({ userId: 'Bob' }), makeItem({ userId: 'bob' })])).toHaveLength(2);
  });
});
