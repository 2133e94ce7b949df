import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { AppReply } from '@im/contracts';
import { RestAdminClient } from '@im/sdk';
import {
  createTempDir,
  LocalServers,
  PlatformApps,
  RunningPlatform,
  startLocalServers,
  startPlatform,
} from '@im/testing';

import { logProblems, renderFuzzReport, fuzzRest } from './fuzz/rest-fuzz.runner';
import { ADMIN } from './gateway-harness';

/**
 * The REST fuzzer over every /v4 command, against the whole platform: hostile types, sizes,
 * depths, encodings and keys, field by field. Every answer must be the envelope with a
 * documented code that is not an internal error; no service may log an error or a stack,
 * and none may exit. `npm test` runs the short form; `npm run fuzz` the long one
 * (FUZZ_REQUESTS, FUZZ_SEED, FUZZ_REPORT=file for the Markdown report).
 */
describe('REST fuzzer', () => {
  const requests = Number(process.env.FUZZ_REQUESTS ?? 1200);
  const seed = Number(process.env.FUZZ_SEED ?? 20261207);
  let dir: string;
  let servers: LocalServers;
  let platform: RunningPlatform;
  let apps: PlatformApps;
  let app: AppReply;

  beforeAll(async () => {
    dir = await createTempDir();
    servers = await startLocalServers({ baseDir: dir, persistent: false });
    platform = await startPlatform({
      infra: {
        natsUrl: servers.nats.url,
        redisUrl: servers.redis.url,
        postgresUrl: servers.postgres.url,
        credentials: servers.credentials,
      },
      logDir: path.join(dir, 'logs'),
      databaseName: (_service, database) => `${database}_fuzz_test`,
      logLevel: 'warn',
    });
    apps = await PlatformApps.connect(servers.nats.url);
    app = await apps.create({
      adminIdentifiers: [ADMIN],
      settings: { avChatRoomEnabled: true, bChatRoomEnabled: true, push: { enabled: true } },
    });
  }, 180_000);

  afterAll(async () => {
    await apps?.close();
    await platform?.stop();
    await servers?.stop();
  });

  it('answers every fuzzed request with a documented, non-internal code', async () => {
    const admin = new RestAdminClient({
      baseUrl: platform.restUrl,
      sdkAppId: app.sdkAppId,
      identifier: ADMIN,
      secretKey: app.secretKey,
    });
    const accounts = ['fz1', 'fz2', 'fz3'];
    await admin.call('im_open_login_svc', 'multiaccount_import', { Accounts: accounts });
    const group = (await admin.call('group_open_http_svc', 'create_group', {
      Owner_Account: 'fz1',
      Type: 'Public',
      Name: 'fuzz',
      MemberList: [{ Member_Account: 'fz2' }],
    })) as { GroupId?: string };
    expect(group.GroupId).toEqual(expect.any(String));

    const exited: string[] = [];
    for (const [name, proc] of platform.services) void proc.exited.then(() => exited.push(name));

    const report = await fuzzRest({
      restUrl: platform.restUrl,
      app,
      ids: { accounts, groupId: group.GroupId! },
      requests,
      seed,
    });
    const logs = logProblems(path.join(dir, 'logs'));
    const text = renderFuzzReport(report, [
      `services that exited: ${exited.length ? exited.join(', ') : 'none'}`,
      `log lines with an error or a stack: ${logs.length}`,
      ...logs.slice(0, 20).map((l) => `    ${l}`),
    ]);
    if (process.env.FUZZ_REPORT) {
      mkdirSync(path.dirname(process.env.FUZZ_REPORT), { recursive: true });
      writeFileSync(process.env.FUZZ_REPORT, `${text}\n`);
    }
    expect(report.requests).toBe(requests);
    expect({ findings: report.findings.slice(0, 30), logs: logs.slice(0, 10) }).toEqual({
      findings: [],
      logs: [],
    });
    expect(exited).toEqual([]);
  }, 1_800_000);
});
