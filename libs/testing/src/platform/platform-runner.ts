import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { findFreePort } from '../servers/free-port';
import {
  entryPath,
  InfraUrls,
  PLATFORM_SERVICES,
  serviceEnv,
  ServicePorts,
} from './platform-services';
import { ServiceProcess, startServiceProcess } from './service-process';

export interface StartPlatformOptions {
  infra: InfraUrls;
  /** Services to start (default: all), started in catalogue order. */
  services?: readonly string[];
  /** Fixed ports; free ones are picked for what is missing. */
  ports?: { ops?: Record<string, number>; rest?: number; ws?: number };
  /** One `<service>.log` per service. */
  logDir: string;
  databaseName?: (service: string, database: string) => string;
  logLevel?: string;
  /** Extra variables per service name. */
  extraEnv?: Record<string, Record<string, string>>;
}

export interface RunningPlatform {
  restUrl: string;
  /** The WebSocket URL of conn-gateway (when started). */
  wsUrl: string;
  ports: ServicePorts;
  services: Map<string, ServiceProcess>;
  /** Stops the services in reverse start order. */
  stop(): Promise<void>;
}

/** Starts the built services as processes, each ready before the next one starts. */
export async function startPlatform(options: StartPlatformOptions): Promise<RunningPlatform> {
  const wanted = options.services ?? PLATFORM_SERVICES.map((s) => s.name);
  const specs = PLATFORM_SERVICES.filter((s) => wanted.includes(s.name));
  const unknown = wanted.filter((name) => !specs.some((s) => s.name === name));
  if (unknown.length) throw new Error(`unknown services: ${unknown.join(', ')}`);
  mkdirSync(options.logDir, { recursive: true });

  const ports: ServicePorts = {
    ops: {},
    rest: options.ports?.rest ?? (await findFreePort()),
    ws: options.ports?.ws ?? (await findFreePort()),
  };
  for (const spec of specs)
    ports.ops[spec.name] = options.ports?.ops?.[spec.name] ?? (await findFreePort());

  const services = new Map<string, ServiceProcess>();
  const stop = async () => {
    for (const name of [...services.keys()].reverse()) await services.get(name)?.stop();
  };
  try {
    for (const spec of specs) {
      const env = serviceEnv(spec, options.infra, ports, {
        databaseName: options.databaseName,
        logLevel: options.logLevel,
        extra: options.extraEnv?.[spec.name],
      });
      services.set(
        spec.name,
        await startServiceProcess({
          name: spec.name,
          entry: entryPath(spec),
          env,
          opsPort: ports.ops[spec.name],
          logFile: path.join(options.logDir, `${spec.name}.log`),
        }),
      );
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    restUrl: `http://127.0.0.1:${ports.rest}`,
    wsUrl: `ws://127.0.0.1:${ports.ws}/ws`,
    ports,
    services,
    stop,
  };
}
