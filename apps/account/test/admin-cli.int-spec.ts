/**
 * The operator CLI (`node apps/account/dist/admin-cli.js …`, README "Deployment") run as a
 * process against the account service started in this process, on a nats-server and
 * redis-server of this file's own (see account.int-spec.ts for why).
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import type { AppReply } from '@im/contracts';
import { createTestDatabase, startNatsServer, startRedisServer } from '@im/testing';
import type { ServerHandle, TestDatabase } from '@im/testing';
import { verifyUserSig } from '@im/usersig';

import { makeTempDir, startAccountService } from './account.harness';
import type { StartedAccountService } from './account.harness';

const CLI = path.join(__dirname, '..', 'dist', 'admin-cli.js');

let tmp: string;
let nats: ServerHandle;
let redisServer: ServerHandle;
let db: TestDatabase;
let service: StartedAccountService;

beforeAll(async () => {
  tmp = await makeTempDir('im-account-cli-');
  [nats, redisServer, db] = await Promise.all([
    startNatsServer({ dataDir: path.join(tmp, 'nats') }),
    startRedisServer({ dataDir: path.join(tmp, 'redis') }),
    createTestDatabase('account'),
  ]);
  service = await startAccountService({
    natsUrl: nats.url,
    redisUrl: redisServer.url,
    databaseUrl: db.url,
  });
});

afterAll(async () => {
  await service?.app.close();
  await db?.drop();
  await Promise.all([nats?.stop(), redisServer?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], {
    env: { ...process.env, NATS_URL: nats.url },
    timeout: 20_000,
  });
  return stdout.trim();
}

describe('admin-cli', () => {
  it('creates an app, shows it, rotates its key and signs an admin UserSig the key verifies', async () => {
    const created = JSON.parse(
      await cli('create-app', '--name', 'shop', '--admin', 'boss'),
    ) as AppReply;
    expect(created).toMatchObject({ name: 'shop', adminIdentifiers: ['boss'] });
    expect(created.secretKey).toMatch(/^[0-9a-f]{64}$/);

    const id = String(created.sdkAppId);
    expect(JSON.parse(await cli('show-app', '--sdk-app-id', id))).toEqual(created);

    const rotated = JSON.parse(await cli('rotate-key', '--sdk-app-id', id)) as AppReply;
    expect(rotated.secretKey).not.toBe(created.secretKey);

    const sig = await cli('sign', '--sdk-app-id', id, '--days', '1');
    const input = { userSig: sig, sdkAppId: created.sdkAppId, identifier: 'boss' };
    expect(verifyUserSig({ ...input, secretKey: rotated.secretKey })).toMatchObject({
      ok: true,
      claims: { identifier: 'boss', expireSeconds: 86_400 },
    });
  });

  it('disables and enables an app', async () => {
    const created = JSON.parse(await cli('create-app')) as AppReply;
    const id = String(created.sdkAppId);
    expect(JSON.parse(await cli('disable-app', '--sdk-app-id', id))).toMatchObject({
      status: 'disabled',
    });
    expect(JSON.parse(await cli('enable-app', '--sdk-app-id', id))).toMatchObject({
      status: 'active',
    });
  });

  it('refuses a command that needs an app without --sdk-app-id, and an unknown command', async () => {
    await expect(cli('show-app')).rejects.toThrow(/--sdk-app-id N is required/);
    await expect(cli('frobnicate')).rejects.toThrow(/unknown command frobnicate/);
  });
});
