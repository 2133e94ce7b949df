import 'reflect-metadata';

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { AppSettings } from '../account/app-settings';
import { BeforeCallbackRequest } from './before-callback.request';
import { CallbackCommands } from './callback-commands';

const problems = (cls: new () => object, value: object) =>
  validateSync(plainToInstance(cls, value), { whitelist: true, forbidUnknownValues: false }).map(
    (e) => e.property,
  );

describe('callback settings (AppSettings.callbacks)', () => {
  it('accepts a URL, a token and enabled commands', () => {
    expect(
      problems(AppSettings, {
        callbacks: {
          url: 'http://127.0.0.1:8080/im/callback?key=1',
          authentication: { token: 'xxxxyyyy' },
          enabledCommands: ['C2C.CallbackBeforeSendMsg', 'State.StateChange'],
        },
      }),
    ).toEqual([]);
    expect(problems(AppSettings, { callbacks: { url: 'https://im.example.com/cb' } })).toEqual([]);
    expect(
      problems(AppSettings, { callbacks: { enabledCommands: [...CallbackCommands] } }),
    ).toEqual([]);
  });

  it.each([
    ['a URL without scheme', { url: 'im.example.com/cb' }],
    ['a non-HTTP URL', { url: 'ftp://im.example.com/cb' }],
    ['an unknown command', { url: 'http://h/cb', enabledCommands: ['C2C.CallbackNope'] }],
    ['an empty token', { url: 'http://h/cb', authentication: { token: '' } }],
    [
      'a token over 128 characters',
      { url: 'http://h/cb', authentication: { token: 'x'.repeat(129) } },
    ],
  ])('refuses %s', (_name, callbacks) => {
    expect(problems(AppSettings, { callbacks })).toEqual(['callbacks']);
  });

  it('a before-callback request names a before command and carries an object body', () => {
    expect(
      problems(BeforeCallbackRequest, { command: 'C2C.CallbackBeforeSendMsg', body: { a: 1 } }),
    ).toEqual([]);
    expect(
      problems(BeforeCallbackRequest, { command: 'C2C.CallbackAfterSendMsg', body: {} }),
    ).toEqual(['command']);
    expect(
      problems(BeforeCallbackRequest, { command: 'C2C.CallbackBeforeSendMsg', body: 'x' }),
    ).toEqual(['body']);
  });
});
