import { spawnSync } from 'node:child_process';
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
