import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { connect } from 'nats';
import { Redis } from 'ioredis';
import { Client } from 'pg';

import { natsConnectionOptions } from '@im/platform';

import {
  findFreePort,
  newSecret,
  startLocalServers,
  startNatsServer,
  startPostgresServer,
  startRedisServer,
} from '../src';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function pgQuery<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// As root, postgres runs as the postgres OS user, which needs a way into its data dir.
const describeAsRoot = process.getuid?.() === 0 ? describe : describe.skip;

/** PIDs of live processes whose command line mentions `text`. */
async function processesMentioning(text: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((e) => /^\d+$/.test(e));
  const hits: number[] = [];
  for (const pid of pids) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(text)) hits.push(Number(pid));
  }
  return hits.filter(isAlive);
}

describe('servers started by the harness', () => {
  let baseDir: string;

  beforeEach(async () => {
    baseDir = await mkdtemp(path.join(os.tmpdir(), 'im-testing-servers-'));
    await chmod(baseDir, 0o755); // as root, postgres runs as its own user and must get in
  });

  afterEach(async () => {
    await rm(baseDir, { recursive: true, force: true });
  });

  it('keeps a persistent postgres data dir across stop and start', async () => {
    const dataDir = path.join(baseDir, 'postgres');
    const password = newSecret(); // the cluster keeps the superuser password it was made with
    const first = await startPostgresServer({ dataDir, persistent: true, password });
    try {
      await pgQuery(first.url, 'CREATE TABLE kept_things (id int PRIMARY KEY)');
      await pgQuery(first.url, 'INSERT INTO kept_things VALUES (42)');
    } finally {
      await first.stop();
    }
    expect(isAlive(first.pid)).toBe(false);

    const second = await startPostgresServer({ dataDir, persistent: true, password });
    try {
      expect(await pgQuery(second.url, 'SELECT id FROM kept_things')).toEqual([{ id: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it('keeps persistent redis data across stop and start', async () => {
    const dataDir = path.join(baseDir, 'redis');
    const first = await startRedisServer({ dataDir, persistent: true });
    const r1 = new Redis(first.url);
    try {
      await r1.set('testing:kept', 'yes');
    } finally {
      await r1.quit();
      await first.stop();
    }

    const second = await startRedisServer({ dataDir, persistent: true });
    const r2 = new Redis(second.url);
    try {
      expect(await r2.get('testing:kept')).toBe('yes');
    } finally {
      await r2.quit();
      await second.stop();
    }
  });

  it('keeps persistent JetStream streams across stop and start', async () => {
    const dataDir = path.join(baseDir, 'nats');
    const first = await startNatsServer({ dataDir, persistent: true });
    const nc1 = await connect(natsConnectionOptions([first.url]));
    try {
      const jsm = await nc1.jetstreamManager();
      await jsm.streams.add({ name: 'KEPT', subjects: ['kept.>'] });
      await nc1.jetstream().publish('kept.one');
    } finally {
      await nc1.close();
      await first.stop();
    }

    const second = await startNatsServer({ dataDir, persistent: true });
    const nc2 = await connect(natsConnectionOptions([second.url]));
    try {
      const info = await (await nc2.jetstreamManager()).streams.info('KEPT');
      expect(info.state.messages).toBe(1);
    } finally {
      await nc2.close();
      await second.stop();
    }
  });

  it('starts all three together on the fixed ports it is given, and stops them', async () => {
    const ports = {
      nats: await findFreePort(),
      redis: await findFreePort(),
      postgres: await findFreePort(),
    };
    const servers = await startLocalServers({ baseDir, persistent: false, ports });
    const pids = [servers.nats.pid, servers.redis.pid, servers.postgres.pid];
    try {
      const { nats, redis, postgres } = servers.credentials;
      expect(servers.nats.url).toBe(`nats://operator:${nats.operator}@127.0.0.1:${ports.nats}`);
      expect(servers.redis.url).toBe(`redis://:${redis}@127.0.0.1:${ports.redis}`);
      expect(servers.postgres.url).toBe(
        `postgres://postgres:${postgres.superuser}@127.0.0.1:${ports.postgres}/postgres`,
      );
    } finally {
      await servers.stop();
    }
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('stops the servers that did start when another one fails', async () => {
    const blocker = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(
        startLocalServers({ baseDir, persistent: false, ports: { redis: taken } }),
      ).rejects.toThrow(/redis-server did not start/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    expect(await processesMentioning(baseDir)).toEqual([]);
  });

  it('fails with the end of the server log when its port is taken', async () => {
    const blocker = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(
        startRedisServer({ dataDir: path.join(baseDir, 'redis'), port }),
      ).rejects.toThrow(
        /redis-server did not start[\s\S]*last lines of[\s\S]*Address already in use/,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describeAsRoot('postgres as root', () => {
  let baseDir: string;

  beforeEach(async () => {
    baseDir = await mkdtemp(path.join(os.tmpdir(), 'im-testing-servers-'));
    await chmod(baseDir, 0o755);
  });

  afterEach(async () => {
    await rm(baseDir, { recursive: true, force: true });
  });

  it('refuses a data dir the postgres user cannot reach, naming the closed folder', async () => {
    const closed = path.join(baseDir, 'closed');
    await mkdir(closed, { mode: 0o700 });

    await expect(
      startPostgresServer({ dataDir: path.join(closed, 'postgres'), persistent: true }),
    ).rejects.toThrow(`not reachable by the "postgres" OS user: it cannot enter ${closed}`);
  });
});
