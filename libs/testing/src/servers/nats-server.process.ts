import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { ensureServerBinaries } from './binaries';
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

/** The INFO line a NATS server greets with; ready when it reports JetStream on. */
async function isJetStreamReady(port: number): Promise<boolean> {
  const line = await readFirstLine(port);
  if (!line.startsWith('INFO ')) return false;
  const info = JSON.parse(line.slice(5)) as { jetstream?: boolean };
  return info.jetstream === true;
}

/**
 * Starts nats-server with JetStream (store under `<dataDir>/jetstream`) on 127.0.0.1. Without a
 * port it lets the server pick one (`-p -1`) and reads it from the ports file, so no race.
 */
export async function startNatsServer(options: ServerOptions): Promise<ServerHandle> {
  const { natsServer, setpriv } = await ensureServerBinaries();
  const dataDir = path.resolve(options.dataDir);
  const storeDir = path.join(dataDir, 'jetstream');
  mkdirSync(storeDir, { recursive: true });
  const fixedPort = options.port ? options.port : undefined;
  const args = [
    '--addr', '127.0.0.1',
    '--port', String(fixedPort ?? -1),
    '--jetstream',
    '--store_dir', storeDir,
    '--ports_file_dir', dataDir,
    '--server_name', 'im-local',
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
      return port !== undefined && (await isJetStreamReady(port));
    },
    options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
  );
  return {
    url: `nats://127.0.0.1:${port}`,
    port: port!,
    pid: proc.pid,
    dataDir,
    logFile: proc.logFile,
    stop: () => proc.stop(STOP_TIMEOUT_MS),
  };
}
