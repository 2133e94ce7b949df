import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { createTempBaseDir, removeStaleTempBaseDirs } from './temp-base-dir';

describe(removeStaleTempBaseDirs.name, () => {
  let tmp: string;

  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'im-testing-tmp-'));
  });

  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('creates a 0755 dir owned by this process', async () => {
    const dir = await createTempBaseDir(tmp);

    expect((await stat(dir)).mode & 0o777).toBe(0o755);
    expect(await readFile(path.join(dir, 'owner.pid'), 'utf8')).toBe(String(process.pid));
  });

  it('removes the dirs of dead runs and keeps live and unmarked ones', async () => {
    const live = await createTempBaseDir(tmp);
    const dead = await createTempBaseDir(tmp);
    await writeFile(path.join(dead, 'owner.pid'), '2147483646'); // above any pid_max
    const unmarked = await mkdtemp(path.join(tmp, 'im-test-'));

    await removeStaleTempBaseDirs(tmp);

    expect([live, dead, unmarked].map((d) => existsSync(d))).toEqual([true, false, true]);
  });
});
