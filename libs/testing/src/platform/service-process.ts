import { ChildProcess, fork } from 'node:child_process';
import { closeSync, fchmodSync, openSync, statSync } from 'node:fs';

import { readLogTail, within } from '../servers/server-process';
import { waitFor } from '../wait-for';

export interface ServiceProcessOptions {
  name: string;
  /** Absolute path of the service's compiled `main.js`. */
  entry: string;
  args?: string[];
  env: Record<string, string>;
  /** Where `/health`, `/ready`, `/metrics` answer. */
  opsPort: number;
  /** stdout and stderr (JSON log lines) are appended here. */
  logFile: string;
  readyTimeoutMs?: number;
}

export interface ServiceProcess {
  name: string;
  pid: number;
  opsUrl: string;
  logFile: string;
  /** Resolves with the exit code once the process has exited (for any reason). */
  exited: Promise<number | null>;
  /** SIGTERM (the service drains and stops), SIGKILL after `timeoutMs`. Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
  logTail(lines?: number): string;
}

/**
 * With `IM_CPU_PROF_DIR` set, each service writes a V8 CPU profile there when it stops
 * (`<name>-*.cpuprofile`, open in Chrome DevTools): how the bench's hot spots were found.
 */
function profilingArgs(name: string): string[] {
  const dir = process.env.IM_CPU_PROF_DIR;
  return dir
    ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
    : [];
}

/**
 * Runs a built service as its own Node process with an IPC channel (the service stops when
 * its parent goes away) and waits until its `/ready` answers 200.
 */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const from = size(options.logFile);
  // logs are the operator's only: owner-only, also when an older file was laxer
  const fd = openSync(options.logFile, 'a', 0o600);
  fchmodSync(fd, 0o600);
  let child: ChildProcess;
  try {
    child = fork(options.entry, options.args ?? [], {
      env: { ...options.env, PATH: process.env.PATH ?? '' },
      execArgv: profilingArgs(options.name),
      stdio: ['ignore', fd, fd, 'ipc'],
      detached: true,
    });
  } finally {
    closeSync(fd);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start ${options.entry}`);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const opsUrl = `http://127.0.0.1:${options.opsPort}`;
  const logTail = (lines = 30) => readLogTail(options.logFile, from, lines);
  const stop = async (timeoutMs = 10_000) => {
    if (exitCode !== undefined) return;
    child.kill('SIGTERM');
    if ((await within(exited, timeoutMs)) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    await Promise.race([
      waitFor(
        async () => {
          const res = await fetch(`${opsUrl}/ready`).catch(() => undefined);
          return res?.status === 200;
        },
        {
          timeoutMs: options.readyTimeoutMs ?? 30_000,
          intervalMs: 100,
          message: `${options.name} ready`,
        },
      ),
      // a process that exits while starting fails at once, not after the whole timeout
      exited.then((code) => Promise.reject(new ExitedError(code))),
    ]);
  } catch (err) {
    await stop(2000);
    throw new Error(
      `${options.name} did not become ready (${(err as Error).message}); its log:\n${logTail()}`,
    );
  }
  return { name: options.name, pid, opsUrl, logFile: options.logFile, exited, stop, logTail };
}

class ExitedError extends Error {
  constructor(code: number | null) {
    super(`exited with code ${code}`);
  }
}

function size(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
