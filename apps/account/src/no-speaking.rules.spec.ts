import { NoSpeaking } from '@im/contracts';

import { muteUntilOf, secondsLeft } from './no-speaking.rules';

describe('global mute', () => {
  const now = 1_700_000_000;

  it('turns a duration into an end time: 0 unmutes, 4294967295 is for ever', () => {
    expect(muteUntilOf(0, now)).toBe(0);
    expect(muteUntilOf(3600, now)).toBe(now + 3600);
    expect(muteUntilOf(0xfffffffe, now)).toBe(now + 0xfffffffe);
    expect(muteUntilOf(0xffffffff, now)).toBe(NoSpeaking.foreverUntil);
  });

  it('answers the seconds left, 0 once over, 4294967295 for ever', () => {
    expect(secondsLeft(0, now)).toBe(0);
    expect(secondsLeft(now + 7196, now)).toBe(7196);
    expect(secondsLeft(now - 5, now)).toBe(0);
    expect(secondsLeft(now, now)).toBe(0);
    expect(secondsLeft(NoSpeaking.foreverUntil, now)).toBe(0xffffffff);
    expect(secondsLeft(muteUntilOf(0xffffffff, now), now + 10 ** 9)).toBe(0xffffffff);
  });
});
