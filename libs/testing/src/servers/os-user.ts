import { spawnSync } from 'node:child_process';
import { chownSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** Whether this process runs as root (postgres then has to run as its own OS user). */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The passwd entry of an OS user, or undefined when there is none. */
export function lookupOsUser(name: string): OsUser | undefined {
  const result = spawnSync('getent', ['passwd', name], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  const [, , uid, gid] = result.stdout.trim().split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

/** `/a/b/c` → ['/', '/a', '/a/b', '/a/b/c']. */
export function selfAndAncestors(dir: string): string[] {
  const chain: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (path.dirname(d) === d) return chain;
  }
}

/**
 * The first folder on the way to `dir` (inclusive) that `user` cannot enter, checked by
 * running `test -x` as that user; undefined when all can be entered.
 */
export function firstDirNotEnterableBy(
  dir: string,
  user: string,
  setpriv: string,
): string | undefined {
  const script = 'for d in "$@"; do [ -x "$d" ] || { printf %s "$d"; exit 1; }; done';
  const result = spawnSync(
    setpriv,
    [
      '--reuid',
      user,
      '--regid',
      user,
      '--init-groups',
      '--',
      '/bin/sh',
      '-c',
      script,
      'sh',
      ...selfAndAncestors(dir),
    ],
    { encoding: 'utf8', cwd: '/' },
  );
  if (result.status === 0) return undefined;
  return result.stdout || dir;
}

/**
 * As root, a server runs as its own OS user (`postgres`, `redis`): that user must own the
 * server folder and be able to enter every folder above it. Returns the user to run as, or
 * undefined when not root (the server then runs as us).
 */
export function serverOsUser(
  name: string,
  dataDir: string,
  setpriv: string | undefined,
  options: { recursive?: boolean } = {},
): OsUser | undefined {
  if (!isRoot()) return undefined;
  const user = lookupOsUser(name);
  if (!user) {
    throw new Error(
      `[testing] ${name} must not run as root and there is no "${name}" OS user to run it as ` +
        `(apt-get install -y ${name === 'redis' ? 'redis-server' : 'postgresql'} creates it)`,
    );
  }
  if (!setpriv) {
    throw new Error(
      `[testing] running ${name} as root needs setpriv: apt-get install -y util-linux`,
    );
  }
  if (options.recursive) chownTree(dataDir, user);
  else chownSync(dataDir, user.uid, user.gid);
  const blocked = firstDirNotEnterableBy(dataDir, name, setpriv);
  if (blocked !== undefined) {
    throw new Error(
      `[testing] ${name} data dir ${dataDir} is not reachable by the "${name}" OS user: ` +
        `it cannot enter ${blocked}. As root, ${name} runs as "${name}"; put the data dir ` +
        'under a folder that user can enter (e.g. /var/lib/im or the system temp dir) or let ' +
        `it in (chmod o+x ${blocked}).`,
    );
  }
  return user;
}

/** Gives a folder and everything in it to `user` (files an earlier run as root left). */
function chownTree(dir: string, user: OsUser): void {
  chownSync(dir, user.uid, user.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(child, user);
    else chownSync(child, user.uid, user.gid);
  }
}
