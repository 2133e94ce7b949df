import type { LocalServerName, LocalServers, ServerHandle } from '@im/testing';
import { waitFor } from '@im/testing';

import {
  DEFAULT_RESTART_POLICY,
  InfraSupervisor,
  recentRestarts,
  SupervisionEvent,
} from './infra-supervisor';

interface FakeServer extends ServerHandle {
  kill(): void;
}

let nextPid = 100;
function fakeServer(port: number): FakeServer {
  let kill!: () => void;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    kill = () => resolve({ code: null, signal: 'SIGKILL' });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: nextPid++,
    dataDir: '/data',
    logFile: '/data/server.log',
    exited,
    stop: () => Promise.resolve(),
    kill,
  };
}

type FakeServers = LocalServers & {
  nats: FakeServer;
  redis: FakeServer;
  postgres: FakeServer;
  restart: jest.Mock<Promise<ServerHandle>, [LocalServerName]>;
};

/** LocalServers whose `restart` fails `failures` times before it starts a new fake. */
function fakeServers(failures = 0): FakeServers {
  let left = failures;
  const servers: FakeServers = {
    nats: fakeServer(1),
    redis: fakeServer(2),
    postgres: fakeServer(3),
    credentials: {} as LocalServers['credentials'],
    credentialsFile: '/data/credentials.json',
    restart: jest.fn((name: LocalServerName): Promise<ServerHandle> => {
      if (left-- > 0) return Promise.reject(new Error('port in use\nlog tail with details'));
      servers[name] = fakeServer(servers[name].port);
      return Promise.resolve(servers[name]);
    }),
    stop: () => Promise.resolve(),
  };
  return servers;
}

const policy = { ...DEFAULT_RESTART_POLICY, maxRestarts: 2, maxAttempts: 3, backoffMs: () => 0 };

describe(InfraSupervisor.name, () => {
  it('starts a server that exited again on the same port and reports both as events', async () => {
    const servers = fakeServers();
    const events: SupervisionEvent[] = [];
    const sut = new InfraSupervisor(servers, (e) => events.push(e), fail, policy);
    sut.start();
    const old = servers.redis;
    old.kill();
    await waitFor(() => servers.redis !== old);
    expect(servers.restart).toHaveBeenCalledWith('redis');
    expect(servers.redis.port).toBe(old.port);
    await waitFor(() => events.length === 2);
    expect(events).toEqual([
      expect.objectContaining({
        event: 'server-exited',
        server: 'redis-server',
        signal: 'SIGKILL',
      }),
      expect.objectContaining({ event: 'server-restarted', server: 'redis-server', attempt: 1 }),
    ]);
    // the new one is watched too
    const second = servers.redis;
    second.kill();
    await waitFor(() => servers.redis !== second);
  });

  it('retries a failed start and gives up after maxAttempts, reporting only the first line', async () => {
    const servers = fakeServers(3);
    const events: SupervisionEvent[] = [];
    const fatal = jest.fn();
    const sut = new InfraSupervisor(servers, (e) => events.push(e), fatal, policy);
    sut.start();
    servers.postgres.kill();
    await waitFor(() => fatal.mock.calls.length === 1);
    expect(servers.restart).toHaveBeenCalledTimes(3);
    expect(events.filter((e) => e.event === 'server-restart-failed')).toHaveLength(3);
    expect(events.find((e) => e.event === 'server-restart-failed')?.reason).toBe('port in use');
    expect(events.at(-1)).toMatchObject({ event: 'server-given-up', server: 'postgres' });
  });

  it('gives up on a server that exits more than maxRestarts times within the window', async () => {
    const servers = fakeServers();
    const fatal = jest.fn();
    const sut = new InfraSupervisor(servers, () => undefined, fatal, policy);
    sut.start();
    for (let i = 0; i < 2; i++) {
      const current = servers.nats;
      current.kill();
      await waitFor(() => servers.nats !== current);
    }
    servers.nats.kill();
    await waitFor(() => fatal.mock.calls.length === 1);
    expect(servers.restart).toHaveBeenCalledTimes(2);
    expect((fatal.mock.calls[0]![0] as Error).message).toMatch(/nats-server exited 3 times/);
  });

  it('restarts nothing once stopped', async () => {
    const servers = fakeServers();
    const events: SupervisionEvent[] = [];
    const sut = new InfraSupervisor(servers, (e) => events.push(e), fail, policy);
    sut.start();
    await sut.stop();
    servers.redis.kill();
    await servers.redis.exited;
    // the supervisor's handler ran before this line (it was attached first) and did nothing
    expect(events).toEqual([]);
    expect(servers.restart).not.toHaveBeenCalled();
  });

  it('counts only the restarts within the window', () => {
    expect(recentRestarts([1_000, 50_000, 59_000], 70_000, 60_000)).toEqual([50_000, 59_000]);
  });
});

function fail(err: Error): never {
  throw err;
}
