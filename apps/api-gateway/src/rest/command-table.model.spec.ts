import { AccountRpc } from '@im/contracts';

import { CommandTable } from './command-table.model';
import type { RestCommand } from './rest-command.model';

function makeRow(overrides: Partial<RestCommand> = {}): RestCommand {
  const row: RestCommand = {
    service: 'im_open_login_svc',
    command: 'account_import',
    dto: class {},
    subject: AccountRpc.Import,
    toRequest: () => ({ userId: 'u1' }),
    toResponse: () => ({}),
  };
  return { ...row, ...overrides };
}

describe(CommandTable.name, () => {
  it('finds a row by service and command', () => {
    const row = makeRow();
    const sut = new CommandTable([row, makeRow({ command: 'kick' })]);
    expect(sut.find('im_open_login_svc', 'account_import')).toBe(row);
    expect(sut.size).toBe(2);
    expect(sut.list().map((r) => r.command)).toEqual(['account_import', 'kick']);
  });

  it('rejects a command declared twice', () => {
    expect(() => new CommandTable([makeRow(), makeRow()])).toThrow(
      'command im_open_login_svc/account_import is declared twice',
    );
  });

  it('allows the same command name in another service', () => {
    expect(() => new CommandTable([makeRow(), makeRow({ service: 'openim' })])).not.toThrow();
  });

  it('looks up service and command case-sensitively', () => {
    const sut = new CommandTable([makeRow()]);
    expect(sut.find('IM_OPEN_LOGIN_SVC', 'account_import')).toBeUndefined();
    expect(sut.find('im_open_login_svc', 'Account_Import')).toBeUndefined();
  });
});
