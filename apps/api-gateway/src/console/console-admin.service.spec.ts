import { AccountRpc, ErrorCode, RemoteError } from '@im/contracts';
import type { AppCredentialsReply } from '@im/contracts';
import type { AppRegistryCache, NatsBus } from '@im/platform';

import { accountCommands } from '../commands/account/account.commands';
import { CommandTable } from '../rest/command-table.model';
import { RestFailure } from '../rest/envelope.mapper';
import { ConsoleAdminCommands } from './console-admin.service';

const APP: AppCredentialsReply = {
  sdkAppId: 1400000001,
  secretKey: 'k'.repeat(64),
  adminIdentifiers: ['administrator', 'second'],
  status: 'active',
  settings: {},
} as unknown as AppCredentialsReply;

const SESSION = { sessionToken: 'a'.repeat(64), csrfToken: 'b'.repeat(64), clientIp: '10.1.1.1' };

/** What the service asked of the bus, in order; `fail` makes one subject answer an error. */
function recordingBus(fail?: { subject: string; error: Error }) {
  const calls: { subject: string; payload: unknown; context: unknown }[] = [];
  const bus = {
    request: (subject: string, payload: unknown, options: { context: unknown }) => {
      calls.push({ subject, payload, context: options.context });
      if (fail?.subject === subject) return Promise.reject(fail.error);
      return Promise.resolve({});
    },
  } as unknown as NatsBus;
  return { bus, calls };
}

const apps = (app?: AppCredentialsReply) =>
  ({ get: () => Promise.resolve(app) }) as unknown as AppRegistryCache;

const kick = (userId: unknown, audited = true) => ({
  session: SESSION,
  requestId: 'r1',
  sdkAppId: APP.sdkAppId,
  service: 'im_open_login_svc',
  command: 'kick',
  body: { UserID: userId },
  ...(audited && { audit: { action: 'user.kick', target: 'app:1/user:u1', detail: {} } }),
});

describe('ConsoleAdminCommands', () => {
  const table = new CommandTable(accountCommands);

  it("checks the session with CSRF, calls the row's subject as the first admin, then audits code 0", async () => {
    const { bus, calls } = recordingBus();
    await new ConsoleAdminCommands(bus, table, apps(APP), '').run(kick('u1'));

    expect(calls.map((c) => c.subject)).toEqual([
      AccountRpc.OperatorCheck,
      AccountRpc.Kick,
      AccountRpc.OperatorRecord,
    ]);
    expect(calls[0].payload).toEqual({ ...SESSION, write: true });
    expect(calls[1]).toMatchObject({
      payload: { userId: 'u1' },
      context: { sdkAppId: APP.sdkAppId, callerId: 'administrator', role: 'admin' },
    });
    expect(calls[2].payload).toMatchObject({ ...SESSION, action: 'user.kick', code: 0 });
  });

  it('reads without CSRF and without an audit entry', async () => {
    const { bus, calls } = recordingBus();
    await new ConsoleAdminCommands(bus, table, apps(APP), '').run(kick('u1', false));
    expect(calls.map((c) => c.subject)).toEqual([AccountRpc.OperatorCheck, AccountRpc.Kick]);
    expect(calls[0].payload).toMatchObject({ write: false });
  });

  it("refuses a body the row's DTO refuses, with the REST code, and audits that code", async () => {
    const { bus, calls } = recordingBus();
    const run = new ConsoleAdminCommands(bus, table, apps(APP), '').run(kick(42));
    await expect(run).rejects.toBeInstanceOf(RestFailure);
    await expect(run).rejects.toMatchObject({ code: ErrorCode.AccountInvalidParameters });
    expect(calls.map((c) => c.subject)).toEqual([
      AccountRpc.OperatorCheck,
      AccountRpc.OperatorRecord,
    ]);
    expect(calls[1].payload).toMatchObject({ code: ErrorCode.AccountInvalidParameters });
  });

  it("audits the platform's code when the service refuses", async () => {
    const { bus, calls } = recordingBus({
      subject: AccountRpc.Kick,
      error: new RemoteError(ErrorCode.AccountNotImported, 'no such user', AccountRpc.Kick),
    });
    await expect(
      new ConsoleAdminCommands(bus, table, apps(APP), '').run(kick('u1')),
    ).rejects.toMatchObject({
      code: ErrorCode.AccountNotImported,
    });
    expect(calls.at(-1)?.payload).toMatchObject({ code: ErrorCode.AccountNotImported });
  });

  it('does nothing past a refused session', async () => {
    const { bus, calls } = recordingBus({
      subject: AccountRpc.OperatorCheck,
      error: new RemoteError(ErrorCode.ConsoleCsrfInvalid, 'csrf', AccountRpc.OperatorCheck),
    });
    await expect(
      new ConsoleAdminCommands(bus, table, apps(APP), '').run(kick('u1')),
    ).rejects.toMatchObject({
      code: ErrorCode.ConsoleCsrfInvalid,
    });
    expect(calls.map((c) => c.subject)).toEqual([AccountRpc.OperatorCheck]);
  });

  it('refuses an unknown app like REST does', async () => {
    const { bus } = recordingBus();
    await expect(
      new ConsoleAdminCommands(bus, table, apps(undefined), '').run(kick('u1')),
    ).rejects.toMatchObject({
      code: ErrorCode.SdkAppIdNotFound,
    });
  });
});
