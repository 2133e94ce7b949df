import type { AppCredentialsReply } from '@im/contracts';

import { appCallbacksOf } from './callback-settings.reader';

const app = (
  settings: AppCredentialsReply['settings'],
  status: 'active' | 'disabled' = 'active',
) => ({
  sdkAppId: 1,
  status,
  secretKey: 'k',
  keyVersion: 1,
  adminIdentifiers: ['administrator'],
  settings,
});

describe(appCallbacksOf.name, () => {
  it('is undefined without a URL, for a disabled app and for an unknown app', () => {
    expect(appCallbacksOf(undefined)).toBeUndefined();
    expect(appCallbacksOf(app({}))).toBeUndefined();
    expect(
      appCallbacksOf(app({ callbacks: { enabledCommands: ['State.StateChange'] } })),
    ).toBeUndefined();
    expect(appCallbacksOf(app({ callbacks: { url: 'http://h/cb' } }, 'disabled'))).toBeUndefined();
  });

  it('enables only the listed commands', () => {
    const callbacks = appCallbacksOf(
      app({ callbacks: { url: 'http://h/cb', enabledCommands: ['State.StateChange'] } }),
    );

    expect(callbacks?.commands.has('State.StateChange')).toBe(true);
    expect(callbacks?.commands.has('C2C.CallbackAfterSendMsg')).toBe(false);
    expect(callbacks?.token).toBeUndefined();
  });

  it('signs with the token unless authentication is switched off', () => {
    const on = app({ callbacks: { url: 'http://h/cb', authentication: { token: 't' } } });
    const off = app({
      callbacks: { url: 'http://h/cb', authentication: { token: 't', enabled: false } },
    });

    expect(appCallbacksOf(on)?.token).toBe('t');
    expect(appCallbacksOf(off)?.token).toBeUndefined();
  });
});
