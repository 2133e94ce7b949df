import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { connect } from 'nats';
import { Client } from 'pg';

import {
  createTempDir,
  findFreePort,
  findFreePortRange,
  findRepoRoot,
  InfraCredentials,
  isPortFree,
  natsPermissionViolations,
  waitFor,
} from '@im/testing';
import { signUserSig } from '@im/usersig';

import { RawClient } from './raw-protocol.client';

/** The first line redis answers to `command` sent without logging in. */
function redisAnswer(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(`${command}\r\n`));
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\r\n')) {
        socket.destroy();
        resolve(text.slice(0, text.indexOf('\r\n')));
      }
    });
    socket.once('error', reject);
  });
}

/** Connects to PostgreSQL; the error's SQLSTATE or message when refused, 'ok' otherwise. */
async function pgLogin(url: string, sql = 'SELECT 1'): Promise<string> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query(sql);
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Owners of the tables of a database other than `role`. */
async function foreignOwners(url: string, role: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tableowner: string }>(
      "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public' AND tableowner <> $1",
      [role],
    );
    return rows.map((r) => r.tableowner);
  } finally {
    await client.end();
  }
}

interface Launch {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * `npm start` as a newcomer runs it (after the build): the launcher starts the servers and
 * services, prints a curl that works, keeps data across restarts, and Ctrl-C leaves nothing
 * running.
 */
describe('npm start (local launcher)', () => {
  const repoRoot = findRepoRoot(__dirname);
  let dataDir: string;
  let env: Record<string, string>;
  const launched: Launch[] = [];

  const launch = (): Launch => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'deploy/dist/main.js')], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const l = { child, output: () => text, exited };
    launched.push(l);
    return l;
  };

  const untilUp = (l: Launch) =>
    waitFor(() => l.output().includes('Press Ctrl-C to stop.'), {
      timeoutMs: 45_000,
      message: 'launcher banner',
    }).catch((err: Error) => {
      throw new Error(`${err.message}\n${l.output()}`);
    });

  /** The printed curl's URL with another command, and a body. */
  const callLike = async (output: string, command: string, body: unknown) => {
    const line = output.split('\n').find((l) => l.startsWith('curl '));
    const url = /'(http[^']+)'/.exec(line ?? '')?.[1];
    expect(url).toBeDefined();
    const res = await fetch(url!.replace('im_open_login_svc/account_import', command), {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    return (await res.json()) as Record<string, unknown>;
  };

  const runPrintedCurl = async (output: string) => {
    const line = output.split('\n').find((l) => l.startsWith('curl '));
    const url = /'(http[^']+)'/.exec(line ?? '')?.[1];
    const body = /-d '([^']+)'/.exec(line ?? '')?.[1];
    expect(url).toBeDefined();
    const res = await fetch(url!, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    return (await res.json()) as Record<string, unknown>;
  };

  const processesUsing = (dir: string) => {
    try {
      return execFileSync('pgrep', ['-f', dir], { encoding: 'utf8' }).trim();
    } catch {
      return ''; // pgrep exits 1 when nothing matches
    }
  };

  beforeAll(async () => {
    dataDir = await createTempDir();
    env = {
      PATH: process.env.PATH ?? '',
      IM_DATA_DIR: dataDir,
      IM_REST_PORT: String(await findFreePort()),
      // one conn-gateway per core, each on the next port
      IM_WS_PORT: String(await findFreePortRange(4)),
      IM_MEDIA_PORT: String(await findFreePort()),
      IM_NATS_PORT: String(await findFreePort()),
      IM_REDIS_PORT: String(await findFreePort()),
      IM_POSTGRES_PORT: String(await findFreePort()),
      // base + each service's offset (conn-gateway instances from +10)
      IM_OPS_PORT_BASE: String(await findFreePortRange(16)),
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(async () => {
    for (const l of launched) {
      if (l.child.exitCode === null && l.child.signalCode === null) {
        l.child.kill('SIGINT');
        await l.exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Issue 13: nats-server, redis-server and postgres refuse whoever has no password; every
   * password is in an owner-only file; each service database has its own role.
   */
  const expectAuthenticatedInfrastructure = async () => {
    const credentialsFile = path.join(dataDir, 'credentials.json');
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, 'nats-operator.password')).mode & 0o777).toBe(0o600);
    const creds = JSON.parse(readFileSync(credentialsFile, 'utf8')) as InfraCredentials;

    await expect(
      connect({ servers: `nats://127.0.0.1:${env.IM_NATS_PORT}` }),
    ).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });

    const redisPort = Number(env.IM_REDIS_PORT);
    if (process.getuid?.() === 0) {
      // as root, redis-server runs as the redis OS user (like postgres as postgres)
      // redis-server shows itself as `redis-server 127.0.0.1:<port>`
      const pid = execFileSync('pgrep', ['-f', `redis-server 127.0.0.1:${redisPort}$`], {
        encoding: 'utf8',
      }).trim();
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      expect(uid).not.toBe('0');
    }
    expect(await redisAnswer(redisPort, 'CONFIG SET dir /tmp')).toMatch(/^-NOAUTH/);
    expect(await redisAnswer(redisPort, 'KEYS *')).toMatch(/^-NOAUTH/);

    const pg = (user: string, password: string, db: string) =>
      `postgres://${user}:${password}@127.0.0.1:${env.IM_POSTGRES_PORT}/${db}`;
    expect(await pgLogin(pg('postgres', 'guess', 'postgres'))).toBe('28P01');
    expect(await pgLogin(`postgres://postgres@127.0.0.1:${env.IM_POSTGRES_PORT}/postgres`)).toMatch(
      /password/,
    );
    // a service's role gets into its database only, and owns every table there
    const { roles } = creds.postgres;
    expect(await pgLogin(pg('im_message', roles.im_message, 'im_message'))).toBe('ok');
    expect(await pgLogin(pg('im_profile', roles.im_profile, 'im_message'))).toBe('42501');
    expect(await pgLogin(pg('im_message', roles.im_message, 'im_message'), 'CREATE ROLE x')).toBe(
      '42501',
    );
    expect(
      await foreignOwners(pg('postgres', creds.postgres.superuser, 'im_message'), 'im_message'),
    ).toEqual([]);
  };

  /** The pid of the server process listening on `port`, or undefined while there is none. */
  const serverPid = (server: 'nats' | 'redis' | 'postgres', port: string): number | undefined => {
    // each shows its port on its command line; -o: the oldest (postgres' children are renamed)
    const pattern = {
      nats: `nats-server --config .* --port ${port} `,
      redis: `redis-server 127.0.0.1:${port}$`,
      postgres: `bin/postgres -D .* -p ${port} `,
    }[server];
    try {
      return Number(execFileSync('pgrep', ['-o', '-f', pattern], { encoding: 'utf8' }).trim());
    } catch {
      return undefined; // pgrep exits 1 when nothing matches
    }
  };

  /**
   * Issue 13, finding 5: under `npm start`, nats-server, redis-server and postgres killed with
   * SIGKILL (in turn) are started again by the launcher, and the platform answers REST calls
   * that need all three again, by itself.
   */

  it('starts everything, answers the printed curl, keeps data across a restart and stops cleanly', async () => {
    const first = launch();
    await untilUp(first);

    expect(await runPrintedCurl(first.output())).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
    });
    const endpoints = JSON.parse(
      readFileSync(path.join(dataDir, 'endpoints.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(endpoints).toEqual({
      restUrl: `http://127.0.0.1:${env.IM_REST_PORT}`,
      wsUrl: `ws://127.0.0.1:${env.IM_WS_PORT}/ws`,
      mediaUrl: `http://127.0.0.1:${env.IM_MEDIA_PORT}/media/v1`,
      sdkAppId: expect.any(Number),
      adminIdentifier: 'administrator',
      secretKey: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(first.output()).toContain(`SDKAppID       ${String(endpoints.sdkAppId)}`);

    // service logs are the operator's only
    const logDir = path.join(dataDir, 'logs');
    expect(statSync(logDir).mode & 0o777).toBe(0o700);
    const logFiles = readdirSync(logDir).filter((f) => f.endsWith('.log'));
    expect(logFiles.length).toBeGreaterThan(5);
    for (const f of logFiles) expect(statSync(path.join(logDir, f)).mode & 0o777).toBe(0o600);

    // the demo app has every switchable feature on: live rooms and the push service work
    expect(first.output()).toContain('features       avchatroom on, bchatroom on, push on');
    const live = await callLike(first.output(), 'group_open_http_svc/create_group', {
      Type: 'AVChatRoom',
      Name: 'live',
    });
    expect(live).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, GroupId: expect.any(String) });
    expect(await callLike(first.output(), 'all_member_push/im_get_attr_name', {})).toMatchObject({
      ActionStatus: 'OK',
      ErrorCode: 0,
    });
    // ... and the printed CLI line switches one off
    const cli = first
      .output()
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.startsWith('NATS_URL='));
    expect(cli).toBeDefined();
    // VAR=value ... node admin-cli.js ...: the operator's user, its password from a file
    const words = cli!.split(/\s+/);
    const assignments = words.filter((w) => /^[A-Z_]+=/.test(w));
    const argv = words.slice(assignments.length);
    const cliEnv = Object.fromEntries(assignments.map((a) => a.split(/=(.*)/s).slice(0, 2)));
    expect(cliEnv.NATS_URL).toBe(`nats://operator@127.0.0.1:${env.IM_NATS_PORT}`);
    const switched = execFileSync(argv[0], argv.slice(1), {
      cwd: repoRoot,
      env: { ...env, ...cliEnv },
      encoding: 'utf8',
    });
    expect(switched.trim()).toBe(`${String(endpoints.sdkAppId)}: avchatroom, bchatroom on`);
    // the services' app caches learn of the change from the app-changed event
    await waitFor(
      async () =>
        (await callLike(first.output(), 'all_member_push/im_get_attr_name', {})).ErrorCode ===
        90045,
      { timeoutMs: 10_000, intervalMs: 200, message: 'push switched off' },
    );

    await expectAuthenticatedInfrastructure();

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    // every service did only what its own NATS user may (libs/testing nats-access.ts)
    expect(natsPermissionViolations(path.join(dataDir, 'nats', 'nats-server.log'))).toEqual([]);
    expect(processesUsing(dataDir)).toBe('');
    expect(await isPortFree(Number(env.IM_REST_PORT))).toBe(true);

    const second = launch();
    await untilUp(second);
    expect(second.output()).toContain('0 migration(s) applied');
    expect(second.output()).not.toContain('demo app');
    // the console operator's one-time password was printed by the first start only
    expect(first.output()).toMatch(/^ {2}password {7}[A-Za-z0-9_-]{24} /m);
    expect(second.output()).toContain('password       (printed on the first start only)');
    const again = JSON.parse(readFileSync(path.join(dataDir, 'endpoints.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(again.sdkAppId).toBe(endpoints.sdkAppId);
    const check = await runPrintedCurl(
      second
        .output()
        .replace('account_import', 'account_check')
        .replace('{"UserID":"alice","Nick":"Alice"}', '{"CheckItem":[{"UserID":"alice"}]}'),
    );
    expect(check.ResultItem).toEqual([
      { UserID: 'alice', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
    ]);

    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(processesUsing(dataDir)).toBe('');
  }, 120_000);

  it('starts a killed nats-server, redis-server or postgres again and the platform recovers by itself', async () => {
    const l = launch();
    await untilUp(l);
    expect(l.output()).toContain(
      'Supervised: a service, nats-server, redis-server or postgres that exits is started again',
    );
    /**
     * A new account, a C2C message from it read back from the roaming store (account and
     * message services over NATS, PostgreSQL, Redis for the seq counters and dedupe), and its
     * WebSocket login (conn-gateway, presence in Redis). False while something is down.
     */
    let random = 0;
    const answers = async (userId: string) => {
      try {
        const imported = await callLike(l.output(), 'im_open_login_svc/account_import', {
          UserID: userId,
        });
        if (imported.ErrorCode !== 0) return false;
        const msgRandom = ++random;
        const sent = await callLike(l.output(), 'openim/sendmsg', {
          From_Account: userId,
          To_Account: 'peer',
          MsgRandom: msgRandom,
          MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'still here' } }],
        });
        if (sent.ErrorCode !== 0) return false;
        const roam = await callLike(l.output(), 'openim/admin_getroammsg', {
          Operator_Account: userId,
          Peer_Account: 'peer',
          MaxCnt: 10,
          MinTime: 0,
          MaxTime: Math.floor(Date.now() / 1000) + 60,
        });
        const list = (roam.MsgList ?? []) as { MsgRandom?: number }[];
        if (!list.some((m) => m.MsgRandom === msgRandom)) return false;
        return (await wsLogin(userId)) === 0;
      } catch {
        return false; // a service is reconnecting
      }
    };
    const wsLogin = async (userId: string) => {
      const endpoints = JSON.parse(readFileSync(path.join(dataDir, 'endpoints.json'), 'utf8')) as {
        wsUrl: string;
        sdkAppId: number;
        secretKey: string;
      };
      const client = await RawClient.open(endpoints.wsUrl);
      try {
        const userSig = signUserSig({
          sdkAppId: endpoints.sdkAppId,
          secretKey: endpoints.secretKey,
          identifier: userId,
          expireSeconds: 3600,
        });
        const answer = await client.request(
          'login',
          { sdkAppId: endpoints.sdkAppId, userId, userSig, platform: 'Web' },
          5_000,
        );
        return answer.code;
      } finally {
        client.close();
      }
    };
    expect(
      await callLike(l.output(), 'im_open_login_svc/account_import', { UserID: 'peer' }),
    ).toMatchObject({ ErrorCode: 0 });
    expect(await answers('before-kills')).toBe(true);

    const servers = [
      ['redis', env.IM_REDIS_PORT],
      ['nats', env.IM_NATS_PORT],
      ['postgres', env.IM_POSTGRES_PORT],
    ] as const;
    for (const [server, port] of servers) {
      const pid = serverPid(server, port);
      expect(pid).toEqual(expect.any(Number));
      process.kill(pid!, 'SIGKILL');
      await waitFor(
        () => {
          const now = serverPid(server, port);
          return now !== undefined && now !== pid;
        },
        { timeoutMs: 60_000, intervalMs: 100, message: `${server} started again` },
      ).catch((err: Error) => {
        throw new Error(`${err.message}\n${l.output()}`);
      });
      await waitFor(() => answers(`after-${server}`), {
        timeoutMs: 60_000,
        intervalMs: 250,
        message: `REST answers after ${server} was killed`,
      }).catch((err: Error) => {
        throw new Error(`${err.message}\n${l.output()}`);
      });
    }
    // still the same launcher, no service needed a restart (their clients reconnected), and
    // each server's restart is a JSON line in launcher.log
    expect(l.child.exitCode).toBeNull();
    expect(l.output()).not.toContain('restarting ');
    const events = readFileSync(path.join(dataDir, 'logs', 'launcher.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.filter((e) => e.event === 'server-restarted').map((e) => e.server)).toEqual([
      'redis-server',
      'nats-server',
      'postgres',
    ]);
    expect(statSync(path.join(dataDir, 'logs', 'launcher.log')).mode & 0o777).toBe(0o600);

    l.child.kill('SIGINT');
    expect(await l.exited).toBe(0);
    expect(processesUsing(dataDir)).toBe('');
  }, 300_000);
});
