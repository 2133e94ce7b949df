import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

import type { InfraCredentials } from '../servers/credentials';
import { findFreePort, findFreePortRange } from '../servers/free-port';
import {
  entryPath,
  InfraUrls,
  instanceCount,
  instanceName,
  DEFAULT_MEDIA_PORT,
  PLATFORM_SERVICES,
  serviceEnv,
  ServicePorts,
  testCredentials,
} from './platform-services';
import { ServiceProcess, startServiceProcess } from './service-process';

/** How long one process may take to become ready when it starts alone. */
const READY_TIMEOUT_MS = 30_000;

const cpus = () => Math.max(1, availableParallelism());

type Starter = (readyTimeoutMs?: number) => Promise<ServiceProcess>;

export interface StartPlatformOptions {
  infra: InfraUrls;
  /** Services to start (default: all): `account` first, then the others in parallel. */
  services?: readonly string[];
  /** Fixed ports; free ones are picked for what is missing. */
  ports?: { ops?: Record<string, number>; rest?: number; ws?: number; media?: number };
  /** One `<service>.log` per service. */
  logDir: string;
  databaseName?: (service: string, database: string) => string;
  logLevel?: string;
  /** Extra variables per service name (every process of a scalable service gets them). */
  extraEnv?: Record<string, Record<string, string>>;
  /** Processes per service, default 1; the public ports of instance i follow the first's. */
  instances?: Record<string, number>;
}

export interface RunningPlatform {
  restUrl: string;
  /** Every api-gateway process's REST base URL, the first one being `restUrl`. */
  restUrls: string[];
  /** The WebSocket URL of conn-gateway (when started). */
  wsUrl: string;
  /** Every conn-gateway process's WebSocket URL, the first one being `wsUrl`. */
  wsUrls: string[];
  /** `http://127.0.0.1:<port>` of the media service's uploads and downloads (when started). */
  mediaUrl: string;
  ports: ServicePorts;
  /** By process name: `conn-gateway`, `conn-gateway-2`, ... for several instances. */
  services: Map<string, ServiceProcess>;
  /** Starts a process again with its environment (after it was stopped or killed). */
  restart(name: string): Promise<ServiceProcess>;
  /** Stops the services in reverse start order. */
  stop(): Promise<void>;
}

/**
 * Starts the built services as processes: `account` first (every other service asks it about
 * apps and accounts while starting), then all the others at once; resolves when all are ready.
 */
export async function startPlatform(options: StartPlatformOptions): Promise<RunningPlatform> {
  const wanted = options.services ?? PLATFORM_SERVICES.map((s) => s.name);
  const specs = PLATFORM_SERVICES.filter((s) => wanted.includes(s.name));
  const unknown = wanted.filter((name) => !specs.some((s) => s.name === name));
  if (unknown.length) throw new Error(`unknown services: ${unknown.join(', ')}`);
  mkdirSync(options.logDir, { recursive: true });
  // every service as its own NATS user, as under npm start
  const infra = {
    ...options.infra,
    credentials: credentialsOf(options.infra),
    // the media service keeps its uploads beside the logs of the run unless told otherwise
    mediaDir: options.infra.mediaDir ?? path.join(options.logDir, 'media-data'),
  };

  const counts = new Map(specs.map((s) => [s.name, instanceCount(s, options.instances)]));
  const gateways = counts.get('conn-gateway') ?? 1;
  const restGateways = counts.get('api-gateway') ?? 1;
  const medias = counts.get('media') ?? 1;
  const ports: ServicePorts = {
    ops: {},
    rest: options.ports?.rest ?? (await findFreePortRange(restGateways)),
    ws: options.ports?.ws ?? (await findFreePortRange(gateways)),
    ...(counts.has('media') && {
      media: options.ports?.media ?? (await findFreePortRange(medias)),
    }),
  };
  for (const spec of specs) {
    for (let i = 0; i < (counts.get(spec.name) ?? 1); i++) {
      const name = instanceName(spec.name, i);
      ports.ops[name] = options.ports?.ops?.[name] ?? (await findFreePort());
    }
  }

  const services = new Map<string, ServiceProcess>();
  const starts = new Map<string, Starter>();
  // Process names in catalogue order: `services` is filled in this order whatever order the
  // processes became ready in, so stopping in reverse stops the dependents first.
  const order: { name: string; service: string }[] = [];
  const stop = async () => {
    for (const { name } of [...order].reverse()) await services.get(name)?.stop();
  };
  for (const spec of specs) {
    const instances = counts.get(spec.name) ?? 1;
    for (let instance = 0; instance < instances; instance++) {
      const name = instanceName(spec.name, instance);
      order.push({ name, service: spec.name });
      starts.set(name, async (readyTimeoutMs?: number): Promise<ServiceProcess> => {
        for (let attempt = 1; ; attempt++) {
          const env = serviceEnv(spec, infra, ports, {
            databaseName: options.databaseName,
            logLevel: options.logLevel,
            extra: options.extraEnv?.[spec.name],
            instance: { instance, instances },
          });
          try {
            return await startServiceProcess({
              name,
              entry: entryPath(spec),
              env,
              opsPort: ports.ops[name],
              logFile: path.join(options.logDir, `${name}.log`),
              readyTimeoutMs,
            });
          } catch (err) {
            // another process took the ops port between our check and the bind
            const ownPort = options.ports?.ops?.[name] !== undefined;
            if (ownPort || attempt >= 3 || !/EADDRINUSE/.test((err as Error).message)) throw err;
            ports.ops[name] = await findFreePort();
          }
        }
      });
    }
  }
  try {
    for (const stage of startStages(order).map((ps) => ps.map((p) => p.name))) {
      // Processes starting together share the cores: allow each the time of all of them (a
      // process that exits while starting still fails at once).
      const readyTimeoutMs = READY_TIMEOUT_MS * Math.max(1, Math.ceil(stage.length / cpus()));
      const results = await Promise.allSettled(
        stage.map((name) => (starts.get(name) as Starter)(readyTimeoutMs)),
      );
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') services.set(stage[i], r.value);
      });
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const restart = async (name: string) => {
    const start = starts.get(name);
    if (!start) throw new Error(`no process ${name}`);
    await services.get(name)?.stop();
    const proc = await start();
    services.set(name, proc);
    return proc;
  };
  return {
    restUrl: `http://127.0.0.1:${ports.rest}`,
    restUrls: Array.from({ length: restGateways }, (_, i) => `http://127.0.0.1:${ports.rest + i}`),
    wsUrl: `ws://127.0.0.1:${ports.ws}/ws`,
    wsUrls: Array.from({ length: gateways }, (_, i) => `ws://127.0.0.1:${ports.ws + i}/ws`),
    mediaUrl: `http://127.0.0.1:${ports.media ?? DEFAULT_MEDIA_PORT}`,
    ports,
    services,
    restart,
    stop,
  };
}

/**
 * The credentials of the servers `infra` points at: its own, or those of the jest global
 * setup when `infra` is those servers (the operator password in its NATS URL tells).
 */
function credentialsOf(infra: InfraUrls): InfraCredentials | undefined {
  if (infra.credentials) return infra.credentials;
  const creds = testCredentials();
  const operator = decodeURIComponent(new URL(infra.natsUrl.split(',')[0]).password);
  return creds && operator !== '' && creds.nats.operator === operator ? creds : undefined;
}

/** The services every other one needs at start; started (and ready) before the rest. */
export const FIRST_SERVICES: readonly string[] = ['account'];

/**
 * Start stages of the processes (in catalogue order): the instances of `FIRST_SERVICES`, then
 * everything else together, each stage in catalogue order. Empty stages are left out.
 */
export function startStages<P extends { name: string; service: string }>(
  processes: readonly P[],
): P[][] {
  const first = processes.filter((p) => FIRST_SERVICES.includes(p.service));
  const rest = processes.filter((p) => !FIRST_SERVICES.includes(p.service));
  return [first, rest].filter((stage) => stage.length > 0);
}
