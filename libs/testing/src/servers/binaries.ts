import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';

/** Absolute paths of the server programs the harness starts. */
export interface ServerBinaries {
  natsServer: string;
  redisServer: string;
  initdb: string;
  postgres: string;
  /** util-linux `setpriv`: runs postgres as its OS user when root, sets the parent-death signal. */
  setpriv: string | undefined;
}

export interface LocateOptions {
  /** Defaults to process.env.PATH. */
  pathEnv?: string;
  /** Prefer /usr/lib/postgresql/<major>/bin (e.g. the major of an existing data dir). */
  postgresMajor?: number;
}

/** The Debian packages that provide the servers, in the order of the install command. */
export const SERVER_PACKAGES = ['nats-server', 'redis-server', 'postgresql'] as const;
export type ServerPackage = (typeof SERVER_PACKAGES)[number];

export const INSTALL_COMMAND = `sudo apt-get install -y ${SERVER_PACKAGES.join(' ')}`;

const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];
const POSTGRES_LIB_DIR = '/usr/lib/postgresql';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findInDirs(name: string, dirs: string[]): string | undefined {
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function pathDirs(pathEnv: string | undefined): string[] {
  return (pathEnv ?? '').split(path.delimiter).filter((d) => d.length > 0);
}

/**
 * Picks the postgres version folder to use among the names found in /usr/lib/postgresql:
 * the preferred major when present, else the highest version. Pure, for tests.
 */
export function pickPostgresVersion(
  entries: string[],
  preferredMajor?: number,
): string | undefined {
  const versions = entries
    .filter((e) => /^\d+(\.\d+)?$/.test(e))
    .sort((a, b) => Number(b) - Number(a));
  if (preferredMajor !== undefined && versions.includes(String(preferredMajor))) {
    return String(preferredMajor);
  }
  return versions[0];
}

function locatePostgres(
  dirs: string[],
  preferredMajor: number | undefined,
): { initdb?: string; postgres?: string } {
  let versions: string[] = [];
  try {
    versions = readdirSync(POSTGRES_LIB_DIR);
  } catch {
    // no Debian postgresql install
  }
  const libBin = (v: string | undefined) =>
    v === undefined ? undefined : path.join(POSTGRES_LIB_DIR, v, 'bin');
  // An existing data dir must be opened by its own major version.
  if (preferredMajor !== undefined && versions.includes(String(preferredMajor))) {
    const bin = libBin(String(preferredMajor))!;
    const pair = { initdb: findInDirs('initdb', [bin]), postgres: findInDirs('postgres', [bin]) };
    if (pair.initdb && pair.postgres) return pair;
  }
  const postgres = findInDirs('postgres', dirs);
  if (postgres) {
    // initdb from the same folder as postgres so both are one version.
    const initdb = findInDirs('initdb', [path.dirname(postgres), ...dirs]);
    if (initdb) return { initdb, postgres };
  }
  const bin = libBin(pickPostgresVersion(versions));
  if (bin === undefined) return {};
  return { initdb: findInDirs('initdb', [bin]), postgres: findInDirs('postgres', [bin]) };
}

/**
 * Looks for the servers: PATH first, then the sbin folders, then (postgres)
 * /usr/lib/postgresql/<version>/bin with the highest version. Returns what it found and the
 * packages still missing.
 */
export function locateServerBinaries(options: LocateOptions = {}): {
  found: Partial<ServerBinaries>;
  missing: ServerPackage[];
} {
  const dirs = [...pathDirs(options.pathEnv ?? process.env.PATH), ...SBIN_DIRS];
  const pg = locatePostgres(dirs, options.postgresMajor);
  const found: Partial<ServerBinaries> = {
    natsServer: findInDirs('nats-server', dirs),
    redisServer: findInDirs('redis-server', dirs),
    initdb: pg.initdb,
    postgres: pg.postgres,
    setpriv: findInDirs('setpriv', [...dirs, '/usr/bin', '/bin']),
  };
  const missing: ServerPackage[] = [];
  if (!found.natsServer) missing.push('nats-server');
  if (!found.redisServer) missing.push('redis-server');
  if (!found.initdb || !found.postgres) missing.push('postgresql');
  return { found, missing };
}

/** The error for a user who cannot install packages: says exactly what to run. */
export function missingServersError(missing: readonly ServerPackage[], detail?: string): Error {
  const lines = [
    `[testing] missing server programs: ${missing.join(', ')} ` +
      `(looked in PATH, ${SBIN_DIRS.join(', ')} and ${POSTGRES_LIB_DIR}/*/bin).`,
    `Install them with: ${INSTALL_COMMAND}`,
  ];
  if (detail) lines.push(detail);
  return new Error(lines.join('\n'));
}

interface CommandResult {
  ok: boolean;
  output: string;
}

function run(command: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 15 * 60 * 1000,
      },
      (err, stdout, stderr) =>
        resolve({ ok: !err, output: `${stdout}${stderr}${err ? err.message : ''}` }),
    );
  });
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function aptInstall(packages: readonly ServerPackage[]): Promise<void> {
  // Several jest processes (nx run-many) may get here at once: wait for the dpkg lock.
  const args = ['install', '-y', '-o', 'DPkg::Lock::Timeout=300', ...packages];
  process.stderr.write(`[testing] installing ${packages.join(' ')} with apt-get (one time)\n`);
  let result = await run('apt-get', args);
  if (!result.ok) {
    // Most often a stale package index on a fresh machine: refresh it once and retry.
    const update = await run('apt-get', ['update', '-o', 'DPkg::Lock::Timeout=300']);
    if (!update.ok) {
      throw missingServersError(packages, `apt-get update failed:\n${tail(update.output, 20)}`);
    }
    result = await run('apt-get', args);
  }
  if (!result.ok) {
    throw missingServersError(packages, `apt-get install failed:\n${tail(result.output, 20)}`);
  }
}

let ensuring: Promise<ServerBinaries> | undefined;

function complete(found: Partial<ServerBinaries>): ServerBinaries {
  return {
    natsServer: found.natsServer!,
    redisServer: found.redisServer!,
    initdb: found.initdb!,
    postgres: found.postgres!,
    setpriv: found.setpriv,
  };
}

async function locateOrInstall(): Promise<ServerBinaries> {
  const first = locateServerBinaries();
  if (first.missing.length === 0) return complete(first.found);
  if (process.getuid?.() !== 0) throw missingServersError(first.missing);
  await aptInstall(first.missing);
  const second = locateServerBinaries();
  if (second.missing.length > 0) {
    throw missingServersError(
      second.missing,
      'apt-get install succeeded but they are still missing.',
    );
  }
  return complete(second.found);
}

/**
 * Finds nats-server, redis-server, initdb and postgres; installs the missing ones with apt-get
 * when running as root, or throws an error naming the install command otherwise. One lookup
 * (and at most one install) per process.
 */
export function ensureServerBinaries(): Promise<ServerBinaries> {
  ensuring ??= locateOrInstall().catch((err: unknown) => {
    ensuring = undefined;
    throw err;
  });
  return ensuring;
}

/** Postgres binaries for an existing data dir of the given major version (when installed). */
export async function postgresBinariesFor(
  major: number | undefined,
): Promise<{ initdb: string; postgres: string }> {
  const all = await ensureServerBinaries();
  if (major === undefined) return all;
  const { found } = locateServerBinaries({ postgresMajor: major });
  return found.initdb && found.postgres ? { initdb: found.initdb, postgres: found.postgres } : all;
}
