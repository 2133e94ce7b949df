import { isAddressInUse, wrapCommand } from './server-process';

const base = {
  name: 'postgres',
  command: '/usr/lib/postgresql/15/bin/postgres',
  args: ['-D', '/d'],
  cwd: '/',
  logFile: '/d/log',
  stopSignal: 'SIGINT' as const,
};

describe(wrapCommand.name, () => {
  it('runs the server as another user through setpriv, exec in place, with a parent-death signal', () => {
    const wrapped = wrapCommand({ ...base, setpriv: '/usr/bin/setpriv', runAsUser: 'postgres' });

    expect(wrapped).toEqual({
      file: '/usr/bin/setpriv',
      args: [
        '--reuid', 'postgres', '--regid', 'postgres', '--init-groups',
        '--pdeathsig', 'INT',
        '--', base.command, '-D', '/d',
      ], // prettier-ignore
    });
  });

  it('runs the server directly when there is no setpriv', () => {
    expect(wrapCommand({ ...base, setpriv: undefined })).toEqual({
      file: base.command,
      args: base.args,
    });
  });

  it('refuses to switch user without setpriv', () => {
    expect(() => wrapCommand({ ...base, setpriv: undefined, runAsUser: 'postgres' })).toThrow(
      /setpriv/,
    );
  });
});

describe(isAddressInUse.name, () => {
  it('recognises the bind failures of redis and postgres', () => {
    expect(
      isAddressInUse(
        'Could not create server TCP listening socket 127.0.0.1:1: bind: Address already in use',
      ),
    ).toBe(true);
    expect(
      isAddressInUse('LOG:  could not bind IPv4 address "127.0.0.1": Address already in use'),
    ).toBe(true);
    expect(isAddressInUse('FATAL:  data directory has wrong ownership')).toBe(false);
  });
});
