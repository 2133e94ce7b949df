import 'reflect-metadata';

import { parseArgs } from 'node:util';

import { AccountRpc, AppReply } from '@im/contracts';
import { createLogger, LocalDefaults, NatsBus } from '@im/platform';
import { signUserSig } from '@im/usersig';

const USAGE = `Operator commands on the app registry (the account service must be running):
  node apps/account/dist/admin-cli.js create-app [--name demo] [--sdk-app-id N] [--admin administrator]
  node apps/account/dist/admin-cli.js show-app --sdk-app-id N
  node apps/account/dist/admin-cli.js rotate-key --sdk-app-id N
  node apps/account/dist/admin-cli.js disable-app --sdk-app-id N | enable-app --sdk-app-id N
  node apps/account/dist/admin-cli.js sign --sdk-app-id N [--identifier administrator] [--days 7]
NATS_URL selects the NATS server (default ${LocalDefaults.natsUrl}).`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'sdk-app-id': { type: 'string' },
      admin: { type: 'string', multiple: true },
      identifier: { type: 'string' },
      days: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sdkAppId = values['sdk-app-id'] !== undefined ? Number(values['sdk-app-id']) : undefined;
  const bus = new NatsBus({
    servers: (process.env.NATS_URL ?? LocalDefaults.natsUrl).split(','),
    name: 'account-admin-cli',
    requestTimeoutMs: 10_000,
    logger: createLogger('account-admin-cli', 'cli', 'silent'),
  });
  await bus.connect();
  const operator = { context: { role: 'operator' as const, callerId: 'admin-cli' } };
  const need = (): number => {
    if (sdkAppId === undefined || !Number.isInteger(sdkAppId))
      throw new Error('--sdk-app-id N is required');
    return sdkAppId;
  };
  try {
    let app: AppReply;
    switch (command) {
      case 'create-app':
        app = await bus.request(
          AccountRpc.CreateApp,
          { name: values.name ?? 'app', sdkAppId, adminIdentifiers: values.admin },
          operator,
        );
        break;
      case 'show-app':
        app = await bus.request(AccountRpc.GetApp, { sdkAppId: need() }, operator);
        break;
      case 'rotate-key':
        app = await bus.request(AccountRpc.RotateAppKey, { sdkAppId: need() }, operator);
        break;
      case 'disable-app':
      case 'enable-app':
        app = await bus.request(
          AccountRpc.UpdateApp,
          { sdkAppId: need(), status: command === 'disable-app' ? 'disabled' : 'active' },
          operator,
        );
        break;
      case 'sign': {
        app = await bus.request(AccountRpc.GetApp, { sdkAppId: need() }, operator);
        const days = Number(values.days ?? '7');
        process.stdout.write(
          `${signUserSig({
            sdkAppId: app.sdkAppId,
            secretKey: app.secretKey,
            identifier: values.identifier ?? app.adminIdentifiers[0],
            expireSeconds: Math.round(days * 86_400),
          })}\n`,
        );
        return;
      }
      default:
        throw new Error(`unknown command ${command}\n${USAGE}`);
    }
    process.stdout.write(`${JSON.stringify(app, null, 2)}\n`);
  } finally {
    await bus.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
