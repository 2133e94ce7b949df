import {
  officialContentHash,
  OfficialAccountSendLimits,
  officialSendVerdict,
} from './official-account-send.rules';

const text = (t: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: t } }];
const HOUR = OfficialAccountSendLimits.hourMs;

describe('official account send limits (page 1047/60810)', () => {
  const now = 10 * HOUR;

  it('sends the first message of the hour', () => {
    expect(officialSendVerdict(now, [], false)).toBe('send');
  });

  it('refuses a second message within the same second (1 a second)', () => {
    expect(officialSendVerdict(now, [now - 999], false)).toBe('second');
    expect(officialSendVerdict(now, [now - 1000], false)).toBe('send');
  });

  it('refuses a third broadcast within an hour (2 an hour), sliding', () => {
    expect(officialSendVerdict(now, [now - 10_000, now - 5_000], false)).toBe('hour');
    // the oldest left the hour: a place again
    expect(officialSendVerdict(now, [now - HOUR, now - 5_000], false)).toBe('send');
  });

  it('drops a duplicate before any cap is looked at', () => {
    expect(officialSendVerdict(now, [now - 10, now - 20], true)).toBe('duplicate');
  });

  it('takes other limits when given', () => {
    const limits = { ...OfficialAccountSendLimits, perSecond: 2, perHour: 3 };
    expect(officialSendVerdict(now, [now - 10], false, limits)).toBe('send');
    expect(officialSendVerdict(now, [now - 10, now - 20], false, limits)).toBe('second');
  });

  it('recognises the same content by its body, not by Random or who sends', () => {
    expect(officialContentHash(text('a'))).toBe(officialContentHash(text('a')));
    expect(officialContentHash(text('a'))).not.toBe(officialContentHash(text('b')));
  });
});
