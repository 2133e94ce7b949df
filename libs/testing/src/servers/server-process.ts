import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { guardChild } from './process-guard';

export interface SpawnServerOptions {
  /** For messages: 'nats-server', 'redis-server', 'postgres'. */
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** stdout and stderr go here (appended). */
  logFile: string;
  /** The graceful stop: SIGINT for nats-server and postgres, SIGTERM for redis-server. */
  stopSignal: NodeJS.Signals;
  /** util-linux setpriv; when present the child also gets `stopSignal` if we die. */
  setpriv: string | undefined;
  /** Run as this OS user (postgres refuses root); needs setpriv. */
  runAsUser?: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  pid: number;
  logFile: string;
  /** Set once the process has exited. */
  readonly exit: ExitInfo | undefined;
  exited: Promise<ExitInfo>;
  /** Graceful signal, SIGKILL after `timeoutMs`; resolves once exited. Idempotent. */
  stop(timeoutMs: number): Promise<void>;
  /** The last lines this run wrote to the log file. */
  logTail(lines?: number): string;
}

const KILL_GRACE_MS = 5_000;

/** `promise`, or 'timeout' after `ms` (the timer is cleared either way). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Last `lines` lines of a file from byte `from` on (a log shared by several runs). */
export function readLogTail(file: string, from = 0, lines = 30): string {
  try {
    const text = readFileSync(file).subarray(from).toString('utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The command line, wrapped in setpriv to switch user and set the parent-death signal. */
export function wrapCommand(options: SpawnServerOptions): { file: string; args: string[] } {
  const { command, args, setpriv, runAsUser, stopSignal } = options;
  if (runAsUser !== undefined && setpriv === undefined) {
    throw new Error(
      `[testing] ${options.name} must run as the ${runAsUser} OS user, which needs setpriv ` +
        '(util-linux); install it with: apt-get install -y util-linux',
    );
  }
  if (setpriv === undefined) return { file: command, args };
  const user =
    runAsUser === undefined ? [] : ['--reuid', runAsUser, '--regid', runAsUser, '--init-groups'];
  // setpriv execs in place: the PID we hold is the server's.
  const pdeathsig = ['--pdeathsig', stopSignal.replace(/^SIG/, '')];
  return { file: setpriv, args: [...user, ...pdeathsig, '--', command, ...args] };
}

/** The command as a shell would need it, for the log header. */
function commandLine(file: string, args: string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [file, ...args].map(quote).join(' ');
}

/**
 * Starts a long-running server with its output in a log file, watched by the process guard.
 * Resolves once the process is spawned (not when it is ready).
 */
export async function spawnServer(options: SpawnServerOptions): Promise<ServerProcess> {
  const { file, args } = wrapCommand(options);
  const logStart = fileSize(options.logFile);
  const fd = openSync(options.logFile, 'a');
  let child;
  try {
    writeSync(fd, `--- ${new Date().toISOString()} ${commandLine(file, args)}\n`);
    // Own process group: a Ctrl-C in the terminal reaches only our process, which stops the
    // servers in order (after the services that use them).
    child = spawn(file, args, {
      cwd: options.cwd,
      stdio: ['ignore', fd, fd],
      env: process.env,
      detached: true,
    });
  } finally {
    closeSync(fd); // the child has its own copy
  }
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) =>
      reject(new Error(`[testing] could not start ${options.name} (${file}): ${err.message}`)),
    );
  });
  const pid = child.pid!;
  const release = guardChild(pid, options.stopSignal);
  let exit: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      release();
      resolve(exit);
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs: number): Promise<void> => {
    stopping ??= (async () => {
      if (exit) return;
      child.kill(options.stopSignal);
      if ((await within(exited, timeoutMs)) !== 'timeout') return;
      child.kill('SIGKILL');
      if ((await within(exited, KILL_GRACE_MS)) === 'timeout') {
        throw new Error(`[testing] ${options.name} (pid ${pid}) did not exit after SIGKILL`);
      }
    })();
    return stopping;
  };

  return {
    pid,
    logFile: options.logFile,
    get exit() {
      return exit;
    },
    exited,
    stop,
    logTail: (lines = 30) => readLogTail(options.logFile, logStart, lines),
  };
}

/** True when the server's log says its port was taken (retry with another port). */
export function isAddressInUse(log: string): boolean {
  return /address already in use|could not bind|EADDRINUSE/i.test(log);
}

/** A server that did not come up; the message ends with the last lines of its log. */
export class StartupError extends Error {
  /** The port was taken: worth another try on another port. */
  readonly addressInUse: boolean;

  constructor(name: string, reason: string, proc: ServerProcess) {
    const tail = proc.logTail();
    super(
      `[testing] ${name} did not start: ${reason}\n` +
        `--- last lines of ${proc.logFile} ---\n${tail || '(empty)'}`,
    );
    this.name = 'StartupError';
    this.addressInUse = isAddressInUse(proc.logTail(100));
  }
}

/**
 * Polls `check` until it says ready. Fails early when the process exits, and after
 * `timeoutMs`; either way the error carries the end of the server's log.
 */
export async function waitUntilReady(
  name: string,
  proc: ServerProcess,
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 25,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (proc.exit) {
      const how = proc.exit.signal ? `signal ${proc.exit.signal}` : `code ${proc.exit.code}`;
      throw new StartupError(name, `it exited with ${how}`, proc);
    }
    try {
      if (await check()) return;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await sleep(intervalMs);
  }
  await proc.stop(5_000).catch(() => undefined);
  const reason = `no answer within ${timeoutMs} ms${lastError ? ` (last error: ${lastError})` : ''}`;
  throw new StartupError(name, reason, proc);
}

/** Runs a one-shot command (initdb) with its output appended to a log file. */
export async function runLogged(
  options: Omit<SpawnServerOptions, 'stopSignal'>,
  timeoutMs: number,
): Promise<void> {
  const proc = await spawnServer({ ...options, stopSignal: 'SIGTERM' });
  const result = await within(proc.exited, timeoutMs);
  if (result === 'timeout') {
    await proc.stop(1_000).catch(() => undefined);
    throw new StartupError(options.name, `it did not finish within ${timeoutMs} ms`, proc);
  }
  if (result.code !== 0) {
    const how = result.signal ? `signal ${result.signal}` : `code ${result.code}`;
    throw new StartupError(options.name, `it failed with ${how}`, proc);
  }
}
