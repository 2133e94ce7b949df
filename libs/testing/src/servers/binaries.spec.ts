import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { locateServerBinaries, missingServersError, pickPostgresVersion } from './binaries';

describe(pickPostgresVersion.name, () => {
  it('picks the highest version, numerically', () => {
    expect(pickPostgresVersion(['9.6', '15', '16', 'README'])).toBe('16');
  });

  it('picks the preferred major when installed', () => {
    expect(pickPostgresVersion(['15', '16'], 15)).toBe('15');
  });

  it('falls back to the highest when the preferred major is missing', () => {
    expect(pickPostgresVersion(['15', '16'], 14)).toBe('16');
  });

  it('gives undefined when there is none', () => {
    expect(pickPostgresVersion([])).toBeUndefined();
  });
});

describe(missingServersError.name, () => {
  it('says which command installs the missing servers', () => {
    const err = missingServersError(['nats-server', 'postgresql']);

    expect(err.message).toContain('missing server programs: nats-server, postgresql');
    expect(err.message).toContain('sudo apt-get install -y nats-server redis-server postgresql');
  });
});

describe(locateServerBinaries.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'im-testing-bin-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function fakeProgram(name: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    return file;
  }

  it('takes programs from PATH first, initdb from the folder of postgres', () => {
    const nats = fakeProgram('nats-server');
    const postgres = fakeProgram('postgres');
    const initdb = fakeProgram('initdb');

    const { found } = locateServerBinaries({ pathEnv: dir });

    expect(found.natsServer).toBe(nats);
    expect(found.postgres).toBe(postgres);
    expect(found.initdb).toBe(initdb);
  });
});
