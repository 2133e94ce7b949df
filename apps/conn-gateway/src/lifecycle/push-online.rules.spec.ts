import { SessionCloseReasons } from '@im/contracts';

import { isPushCapable, mayStillBePushed } from './push-online.rules';

describe('PushOnline rules', () => {
  it('keeps a session reachable by push only when it ended without the user leaving', () => {
    const pushable = SessionCloseReasons.filter((reason) => mayStillBePushed(reason));
    expect(pushable).toEqual(['link-closed', 'timeout', 'shutdown']);
  });

  it('counts only mobile platforms as reachable by offline push', () => {
    expect(isPushCapable('iPhone')).toBe(true);
    expect(isPushCapable('Android')).toBe(true);
    expect(isPushCapable('iPad')).toBe(true);
    expect(isPushCapable('Web')).toBe(false);
    expect(isPushCapable('PC')).toBe(false);
    expect(isPushCapable('Mac')).toBe(false);
    expect(isPushCapable(undefined)).toBe(false);
  });
});
