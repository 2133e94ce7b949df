import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'im-test-';
const OWNER_FILE = 'owner.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp dirs of earlier runs whose jest process is gone (killed before its
 * teardown; its servers died with it through their parent-death signal).
 */
export async function removeStaleTempBaseDirs(tmpDir = os.tmpdir()): Promise<void> {
  const entries = await readdir(tmpDir).catch(() => [] as string[]);
  for (const entry of entries.filter((e) => e.startsWith(PREFIX))) {
    const dir = path.join(tmpDir, entry);
    const owner = Number(await readFile(path.join(dir, OWNER_FILE), 'utf8').catch(() => ''));
    if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

/**
 * A fresh temp dir for one run's servers, marked with this process id. Mode 0755: as root,
 * postgres runs as its own OS user and has to get in (mkdtemp makes it 0700).
 */
export async function createTempBaseDir(tmpDir = os.tmpdir()): Promise<string> {
  const dir = await mkdtemp(path.join(tmpDir, PREFIX));
  await chmod(dir, 0o755);
  await writeFile(path.join(dir, OWNER_FILE), String(process.pid));
  return dir;
}
