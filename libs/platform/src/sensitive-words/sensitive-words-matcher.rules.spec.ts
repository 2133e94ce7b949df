import { SensitiveWordsMatcher } from './sensitive-words-matcher.rules';

describe(SensitiveWordsMatcher.name, () => {
  it('finds words anywhere, whatever their case', () => {
    const sut = new SensitiveWordsMatcher(['spam', 'Scam', '坏话']);
    expect(sut.matches('no SPAM please')).toBe(true);
    expect(sut.matches('a scammer')).toBe(true);
    expect(sut.matches('说坏话了')).toBe(true);
    expect(sut.matches('clean text')).toBe(false);
  });

  it('finds overlapping and nested words (Aho–Corasick fail links)', () => {
    const sut = new SensitiveWordsMatcher(['he', 'she', 'hers', 'his']);
    expect(sut.matches('ushers')).toBe(true);
    expect(sut.mask('ushers')).toBe('u*****');
    expect(new SensitiveWordsMatcher(['abcd', 'bc']).mask('xabcx')).toBe('xa**x');
  });

  it('masks every character of every match, keeping the rest', () => {
    const sut = new SensitiveWordsMatcher(['darn', 'heck']);
    expect(sut.mask('Darn it, what the HECK')).toBe('**** it, what the ****');
  });

  it('matches nothing without words', () => {
    const sut = new SensitiveWordsMatcher([]);
    expect(sut.isEmpty).toBe(true);
    expect(sut.matches('anything')).toBe(false);
    expect(sut.mask('anything')).toBe('anything');
  });

  it('stays fast with 5000 words', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}x`);
    const sut = new SensitiveWordsMatcher(words);
    const text = 'lorem ipsum '.repeat(170);
    expect(sut.matches(text)).toBe(false);
    expect(sut.matches(`${text} word4999x`)).toBe(true);
  });

  it('folds case beyond ASCII, astral characters included', () => {
    const sut = new SensitiveWordsMatcher(['ärger', 'ΣΟΦΊΑ', 'İstanbul', '𐐨𐐯']);
    expect(sut.matches('viel ÄRGER heute')).toBe(true);
    expect(sut.matches('η σοφία')).toBe(true);
    expect(sut.matches('ISTANBUL')).toBe(true);
    expect(sut.matches('x 𐐀𐐇 y')).toBe(true);
    expect(sut.mask('Ärger!')).toBe('*****!');
    expect(sut.matches('arger')).toBe(false);
  });

  it('masks a word that contains a shorter word ending inside it', () => {
    const sut = new SensitiveWordsMatcher(['abcd', 'c']);
    expect(sut.mask('xabcdx')).toBe('x****x');
    expect(sut.mask('cc abc')).toBe('** ab*');
  });

  it('counts the words it holds, empty ones left out', () => {
    expect(new SensitiveWordsMatcher(['a', '', 'b']).wordCount).toBe(2);
  });

  it('finds the first of several texts that holds a word, skipping absent ones', () => {
    const sut = new SensitiveWordsMatcher(['bad']);
    expect(sut.firstMatch([undefined, 'fine', null, 'so BAD', 'bad'])).toBe(3);
    expect(sut.firstMatch(['fine', undefined])).toBe(-1);
    expect(new SensitiveWordsMatcher([]).firstMatch(['bad'])).toBe(-1);
  });

  it('takes linear time on adversarial input (a megabyte against nested words)', () => {
    const words = Array.from({ length: 200 }, (_, i) => 'a'.repeat(i + 1) + 'b');
    const sut = new SensitiveWordsMatcher(words);
    const text = 'a'.repeat(1_000_000);
    const started = process.hrtime.bigint();
    expect(sut.matches(text)).toBe(false);
    expect(sut.mask(text)).toBe(text);
    expect(sut.mask(`${text}b`).endsWith('*'.repeat(201))).toBe(true);
    // Linear: well under a second here; quadratic would take minutes.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5000);
  });
});
