import { DirtyWordsMatcher } from './dirty-words-matcher.rules';

describe(DirtyWordsMatcher.name, () => {
  it('finds words anywhere, whatever their case', () => {
    const sut = new DirtyWordsMatcher(['spam', 'Scam', '坏话']);
    expect(sut.matches('no SPAM please')).toBe(true);
    expect(sut.matches('a scammer')).toBe(true);
    expect(sut.matches('说坏话了')).toBe(true);
    expect(sut.matches('clean text')).toBe(false);
  });

  it('finds overlapping and nested words (Aho–Corasick fail links)', () => {
    const sut = new DirtyWordsMatcher(['he', 'she', 'hers', 'his']);
    expect(sut.matches('ushers')).toBe(true);
    expect(sut.mask('ushers')).toBe('u*****');
    expect(new DirtyWordsMatcher(['abcd', 'bc']).mask('xabcx')).toBe('xa**x');
  });

  it('masks every character of every match, keeping the rest', () => {
    const sut = new DirtyWordsMatcher(['darn', 'heck']);
    expect(sut.mask('Darn it, what the HECK')).toBe('**** it, what the ****');
  });

  it('matches nothing without words', () => {
    const sut = new DirtyWordsMatcher([]);
    expect(sut.isEmpty).toBe(true);
    expect(sut.matches('anything')).toBe(false);
    expect(sut.mask('anything')).toBe('anything');
  });

  it('stays fast with 5000 words', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}x`);
    const sut = new DirtyWordsMatcher(words);
    const text = 'lorem ipsum '.repeat(170);
    expect(sut.matches(text)).toBe(false);
    expect(sut.matches(`${text} word4999x`)).toBe(true);
  });
});
