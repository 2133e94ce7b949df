import { ClientCommands } from '@im/sdk';

import { CLIENT_COMMANDS } from './client-commands';

describe('CLIENT_COMMANDS', () => {
  it('forwards exactly the commands the SDK types, to the same subjects and self fields', () => {
    const gateway = Object.fromEntries(
      Object.entries(CLIENT_COMMANDS).map(([cmd, c]) => [cmd, [c.subject, c.selfField]]),
    );
    const sdk = Object.fromEntries(
      Object.entries(ClientCommands).map(([cmd, c]) => [
        cmd,
        [c.subject, 'self' in c ? c.self : undefined],
      ]),
    );
    expect(gateway).toEqual(sdk);
  });

  it('lets a client register and forget its offline-push device token', () => {
    expect(CLIENT_COMMANDS['push.register-device']).toEqual({
      subject: 'push.rpc.register-device',
    });
    expect(CLIENT_COMMANDS['push.unregister-device']).toEqual({
      subject: 'push.rpc.unregister-device',
    });
  });
});
