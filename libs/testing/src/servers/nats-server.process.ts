import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { ensureServerBinaries } from './binaries';
import { newSecret, withUserInfo } from './credentials';
import { NATS_OPERATOR_USER, NatsUser, renderNatsAuthorization } from './nats-access';
import { DEFAULT_STARTUP_TIMEOUT_MS, ServerHandle, ServerOptions } from './server-handle';
import { spawnServer, waitUntilReady } from './server-process';
import { readFirstLine } from './tcp-probe';

const STOP_TIMEOUT_MS = 10_000;

/** The client port nats-server wrote to `<dir>/<exe>_<pid>.ports` (with `-p -1`). */
function readPortsFile(dir: string, pid: number): number | undefined {
  const file = readdirSync(dir).find((f) => f.endsWith(`_${pid}.ports`));
  if (!file) return undefined;
  // {"nats":["nats://127.0.0.1:P"]} (2.9; "client" in some releases)
  const ports = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    nats?: string[];
    client?: string[];
  };
  const client = ports.nats?.[0] ?? ports.client?.[0];
  return client ? Number(new URL(client).port) : undefined;
}

/**
 * The permission violations a nats-server logged (`Publish Violation - User "x", Subject
 * "y"`): a service that did something its NATS user may not (nats-access.ts).
 */
export function natsPermissionViolations(logFile: string): string[] {
  let log: string;
  try {
    log = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  return log
    .split('\n')
    .filter((line) => /(Publish|Subscription) Violation/.test(line))
    .map((line) => line.replace(/^.*?(\w+ Violation)/, '$1'));
}

/** The INFO line a NATS server greets with; ready when it reports JetStream on. */
async function isJetStreamReady(port: number): Promise<boolean> {
  const line = await readFirstLine(port);
  if (!line.startsWith('INFO ')) return false;
  const info = JSON.parse(line.slice(5)) as { jetstream?: boolean };
  return info.jetstream === true;
}

/**
 * A cluster member is ready when its monitoring endpoint says JetStream is healthy, which it
 * only does once the node has joined the cluster's meta group (a leader is known).
 */
async function isClusterMemberReady(monitorPort: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${monitorPort}/healthz`, {
      signal: AbortSignal.timeout(2000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

export interface NatsServerOptions extends ServerOptions {
  /** A user per service (by service name) with its password, limited to its contract. */
  servicePasswords?: Readonly<Record<string, string>>;
  /** Unique within a cluster; default `im-local`. */
  serverName?: string;
  /** Member of a cluster (nats-cluster.ts): its route port and its peers. */
  cluster?: NatsClusterMembership;
}

/** How one node of a NATS cluster joins the others. */
export interface NatsClusterMembership {
  name: string;
  /** This node's route port on 127.0.0.1. */
  routePort: number;
  /** Every node's route port (its own is skipped). */
  peerRoutePorts: readonly number[];
  /** Routes authenticate with this user and password; nothing else may open a route. */
  routeUser: string;
  routePassword: string;
  /** The HTTP monitoring port (`/healthz`, `/jsz`) on 127.0.0.1, used to tell readiness. */
  monitorPort: number;
}

/** The `cluster { }` block: authenticated routes to every peer on 127.0.0.1. */
export function renderClusterBlock(c: NatsClusterMembership): string {
  const cred = `${encodeURIComponent(c.routeUser)}:${encodeURIComponent(c.routePassword)}`;
  const routes = c.peerRoutePorts
    .filter((p) => p !== c.routePort)
    .map((p) => `    "nats-route://${cred}@127.0.0.1:${p}"`);
  return [
    `cluster {`,
    `  name: ${JSON.stringify(c.name)}`,
    `  listen: "127.0.0.1:${c.routePort}"`,
    `  authorization { user: ${JSON.stringify(c.routeUser)}, password: ${JSON.stringify(c.routePassword)} }`,
    `  routes: [`,
    ...routes,
    `  ]`,
    `}`,
    ``,
  ].join('\n');
}

/**
 * `<dataDir>/nats.conf` (owner-only: it holds the passwords): the operator user without
 * limits and one user per service with its subject permissions (nats-access.ts). Anyone else
 * is refused.
 */
function writeConfig(dataDir: string, operatorPassword: string, options: NatsServerOptions) {
  const users: NatsUser[] = [
    { user: NATS_OPERATOR_USER, password: operatorPassword },
    ...Object.entries(options.servicePasswords ?? {}).map(([service, password]) => ({
      user: service,
      password,
      service,
    })),
  ];
  const file = path.join(dataDir, 'nats.conf');
  const cluster = options.cluster ? renderClusterBlock(options.cluster) : '';
  writeFileSync(file, renderNatsAuthorization(users) + cluster, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/**
 * Starts nats-server with JetStream (store under `<dataDir>/jetstream`) on 127.0.0.1, with
 * password authentication (`<dataDir>/nats.conf`). Without a port it lets the server pick one
 * (`-p -1`) and reads it from the ports file, so no race.
 */
export async function startNatsServer(options: NatsServerOptions): Promise<ServerHandle> {
  const { natsServer, setpriv } = await ensureServerBinaries();
  const dataDir = path.resolve(options.dataDir);
  const storeDir = path.join(dataDir, 'jetstream');
  mkdirSync(storeDir, { recursive: true });
  const password = options.password ?? newSecret();
  const config = writeConfig(dataDir, password, options);
  const fixedPort = options.port ? options.port : undefined;
  const args = [
    '--config', config,
    '--addr', '127.0.0.1',
    '--port', String(fixedPort ?? -1),
    '--jetstream',
    '--store_dir', storeDir,
    '--ports_file_dir', dataDir,
    '--server_name', options.serverName ?? 'im-local',
    ...(options.cluster ? ['--http_port', String(options.cluster.monitorPort)] : []),
  ]; // prettier-ignore
  const proc = await spawnServer({
    name: 'nats-server',
    command: natsServer,
    args,
    cwd: dataDir,
    logFile: path.join(dataDir, 'nats-server.log'),
    stopSignal: 'SIGINT', // SIGTERM makes nats-server exit with code 1
    setpriv,
  });
  let port = fixedPort;
  await waitUntilReady(
    'nats-server',
    proc,
    async () => {
      port ??= readPortsFile(dataDir, proc.pid);
      if (port === undefined || !(await isJetStreamReady(port))) return false;
      return !options.cluster || (await isClusterMemberReady(options.cluster.monitorPort));
    },
    options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
  );
  return {
    url: withUserInfo(`nats://127.0.0.1:${port}`, NATS_OPERATOR_USER, password),
    port: port!,
    pid: proc.pid,
    dataDir,
    logFile: proc.logFile,
    exited: proc.exited,
    stop: () => proc.stop(STOP_TIMEOUT_MS),
  };
}
