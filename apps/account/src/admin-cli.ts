import 'reflect-metadata';

import { parseArgs } from 'node:util';

import {
  AccountRpc,
  AppFeatures,
  appFeaturesPatch,
  AppReply,
  enabledAppFeatures,
  isAppFeature,
} from '@im/contracts';
import type { AppFeature } from '@im/contracts';
import { createLogger, LocalDefaults, NatsBus, splitServers, withPasswordFile } from '@im/platform';
import { signUserSig } from '@im/usersig';

const USAGE = `Operator commands on the app registry (the account service must be running):
  node apps/account/dist/admin-cli.js create-app [--name demo] [--sdk-app-id N] [--admin administrator]
  node apps/account/dist/admin-cli.js show-app --sdk-app-id N
  node apps/account/dist/admin-cli.js rotate-key --sdk-app-id N
  node apps/account/dist/admin-cli.js disable-app --sdk-app-id N | enable-app --sdk-app-id N
  node apps/account/dist/admin-cli.js sign --sdk-app-id N [--identifier administrator] [--days 7]
  node apps/account/dist/admin-cli.js features --sdk-app-id N [--enable F[,F]] [--disable F[,F]]
     features: ${AppFeatures.join(', ')} (off on a new app, on in the demo app of npm start)
NATS_URL selects the NATS server and the operator user (default ${LocalDefaults.natsUrl}):
nats://operator:PASSWORD@host:port, or nats://operator@host:port with NATS_PASSWORD_FILE naming
a file that holds the password (npm start prints the line to use).`;

type CliOptions = {
  name?: string;
  sdkAppId?: number;
  admin?: string[];
  identifier?: string;
  days?: string;
  enable?: string;
  disable?: string;
};

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'sdk-app-id': { type: 'string' },
      admin: { type: 'string', multiple: true },
      identifier: { type: 'string' },
      days: { type: 'string' },
      enable: { type: 'string' },
      disable: { type: 'string' },
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
    servers: splitServers(process.env.NATS_URL ?? LocalDefaults.natsUrl).map((url) =>
      withPasswordFile(url, process.env.NATS_PASSWORD_FILE ?? ''),
    ),
    name: 'account-admin-cli',
    requestTimeoutMs: 10_000,
    logger: createLogger('account-admin-cli', 'cli', 'silent'),
  });
  await bus.connect();
  try {
    process.stdout.write(`${await run(bus, command, { ...values, sdkAppId })}\n`);
  } finally {
    await bus.close();
  }
}

/** Runs one command as the operator; what to print. */
async function run(bus: NatsBus, command: string, options: CliOptions): Promise<string> {
  const operator = { context: { role: 'operator' as const, callerId: 'admin-cli' } };
  const sdkAppId = (): number => {
    if (options.sdkAppId === undefined || !Number.isInteger(options.sdkAppId))
      throw new Error('--sdk-app-id N is required');
    return options.sdkAppId;
  };
  let app: AppReply;
  switch (command) {
    case 'create-app':
      app = await bus.request(
        AccountRpc.CreateApp,
        {
          name: options.name ?? 'app',
          sdkAppId: options.sdkAppId,
          adminIdentifiers: options.admin,
        },
        operator,
      );
      break;
    case 'show-app':
      app = await bus.request(AccountRpc.GetApp, { sdkAppId: sdkAppId() }, operator);
      break;
    case 'rotate-key':
      app = await bus.request(AccountRpc.RotateAppKey, { sdkAppId: sdkAppId() }, operator);
      break;
    case 'disable-app':
    case 'enable-app':
      app = await bus.request(
        AccountRpc.UpdateApp,
        { sdkAppId: sdkAppId(), status: command === 'disable-app' ? 'disabled' : 'active' },
        operator,
      );
      break;
    case 'sign':
      app = await bus.request(AccountRpc.GetApp, { sdkAppId: sdkAppId() }, operator);
      return signUserSig({
        sdkAppId: app.sdkAppId,
        secretKey: app.secretKey,
        identifier: options.identifier ?? app.adminIdentifiers[0],
        expireSeconds: Math.round(Number(options.days ?? '7') * 86_400),
      });
    case 'features':
      app = await bus.request(AccountRpc.GetApp, { sdkAppId: sdkAppId() }, operator);
      app = await switchFeatures(bus, app, options, operator);
      return `${app.sdkAppId}: ${enabledAppFeatures(app.settings).join(', ') || '(none)'} on`;
    default:
      throw new Error(`unknown command ${command}\n${USAGE}`);
  }
  return JSON.stringify(app, null, 2);
}

/** Applies `--enable`/`--disable`; the app unchanged when neither is given. */
async function switchFeatures(
  bus: NatsBus,
  app: AppReply,
  options: CliOptions,
  operator: { context: { role: 'operator'; callerId: string } },
): Promise<AppReply> {
  const changes: Partial<Record<AppFeature, boolean>> = {};
  const collect = (list: string | undefined, on: boolean): void => {
    for (const name of (list ?? '').split(',').map((f) => f.trim().toLowerCase())) {
      if (!name) continue;
      if (!isAppFeature(name))
        throw new Error(`unknown feature ${name} (${AppFeatures.join(', ')})`);
      changes[name] = on;
    }
  };
  collect(options.enable, true);
  collect(options.disable, false);
  if (Object.keys(changes).length === 0) return app;
  const settings = appFeaturesPatch(app.settings, changes);
  return bus.request(AccountRpc.UpdateApp, { sdkAppId: app.sdkAppId, settings }, operator);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
