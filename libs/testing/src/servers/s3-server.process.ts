import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';

import { findFreePort } from './free-port';
import { DEFAULT_STARTUP_TIMEOUT_MS } from './server-handle';
import type { ServerHandle } from './server-handle';
import { spawnServer, StartupError, waitUntilReady } from './server-process';

const STOP_TIMEOUT_MS = 5_000;
const PORT_ATTEMPTS = 5;

/** The key pair s3rver accepts (its built-in account). */
export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3ServerOptions {
  /** The server's folder (objects, log file); created when missing. */
  dataDir: string;
  /** 0 or undefined: a free port on 127.0.0.1. */
  port?: number;
  /** Buckets that exist from the start. */
  buckets?: string[];
  startupTimeoutMs?: number;
}

export interface S3ServerHandle extends ServerHandle {
  /** `http://127.0.0.1:<port>`: the endpoint of an S3 client (path-style addressing). */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** s3rver answers any HTTP request (an S3 error document without a bucket). */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/', method: 'GET', timeout: 1000 },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/**
 * Starts s3rver (an S3-compatible server written in Node, from npm) on 127.0.0.1 with its
 * objects in `<dataDir>/data`: a real S3 HTTP API for the tests of S3-backed storage, not a
 * mock of the client. It accepts only the key pair S3_TEST_CREDENTIALS.
 */
export async function startS3Server(options: S3ServerOptions): Promise<S3ServerHandle> {
  const dataDir = path.resolve(options.dataDir);
  const objects = path.join(dataDir, 'data');
  mkdirSync(objects, { recursive: true });
  const bin = require.resolve('s3rver/bin/s3rver.js');
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await findFreePort());
    const proc = await spawnServer({
      name: 's3rver',
      command: process.execPath,
      args: [
        bin,
        '--directory', objects,
        '--address', '127.0.0.1',
        '--port', String(port),
        '--silent',
        ...(options.buckets ?? []).flatMap((b) => ['--configure-bucket', b]),
      ], // prettier-ignore
      cwd: dataDir,
      logFile: path.join(dataDir, 's3rver.log'),
      stopSignal: 'SIGTERM',
      setpriv: undefined,
    });
    try {
      await waitUntilReady(
        's3rver',
        proc,
        () => answers(port),
        options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
      );
    } catch (err) {
      const retry = err instanceof StartupError && err.addressInUse && !options.port;
      if (retry && attempt < PORT_ATTEMPTS) continue;
      throw err;
    }
    const endpoint = `http://127.0.0.1:${port}`;
    return {
      url: endpoint,
      endpoint,
      ...S3_TEST_CREDENTIALS,
      port,
      pid: proc.pid,
      dataDir,
      logFile: proc.logFile,
      exited: proc.exited,
      stop: () => proc.stop(STOP_TIMEOUT_MS),
    };
  }
}
