import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { createTempDir, findFreePort, findRepoRoot, waitFor } from '@im/testing';

/** Two free ports in a row (ops ports are a base plus each service's offset). */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await findFreePort();
    if (await isFree(port + 1)) return port;
  }
  throw new Error('no two free ports in a row');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
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
      IM_WS_PORT: String(await findFreePort()),
      IM_NATS_PORT: String(await findFreePort()),
      IM_REDIS_PORT: String(await findFreePort()),
      IM_POSTGRES_PORT: String(await findFreePort()),
      IM_OPS_PORT_BASE: String(await freePortPair()),
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
      sdkAppId: expect.any(Number),
      adminIdentifier: 'administrator',
      secretKey: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(first.output()).toContain(`SDKAppID       ${String(endpoints.sdkAppId)}`);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(processesUsing(dataDir)).toBe('');
    expect(await isFree(Number(env.IM_REST_PORT))).toBe(true);

    const second = launch();
    await untilUp(second);
    expect(second.output()).toContain('0 migration(s) applied');
    expect(second.output()).not.toContain('demo app');
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
});
