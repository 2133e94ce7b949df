import { availableParallelism } from 'node:os';
import path from 'node:path';

import { num, port, str } from 'envalid';

import { loadEnv } from '@im/platform';
import { PLATFORM_SERVICES } from '@im/testing';
import type { PlatformServiceSpec } from '@im/testing';

/** Knobs of `npm start`; the defaults need no setting. */
export const launcherEnvSpec = {
  IM_DATA_DIR: str({ default: '', desc: 'Data folder (default: <repo>/.data)' }),
  IM_REST_PORT: port({ default: 8080 }),
  IM_WS_PORT: port({ default: 8090, desc: 'First conn-gateway; the others take the next ports' }),
  IM_CONN_GATEWAY_INSTANCES: num({
    default: 0,
    desc: 'conn-gateway processes (0 = one per CPU core)',
  }),
  IM_MEDIA_PORT: port({ default: 8082, desc: 'Uploads and downloads of the media service' }),
  IM_NATS_PORT: port({ default: 14222 }),
  IM_REDIS_PORT: port({ default: 16379 }),
  IM_POSTGRES_PORT: port({ default: 15432 }),
  IM_OPS_PORT_BASE: port({
    default: 9100,
    desc: 'api-gateway gets this port, account the next, ...',
  }),
  LOG_LEVEL: str({ default: 'info' }),
};

export interface LauncherConfig {
  repoRoot: string;
  dataDir: string;
  ports: {
    rest: number;
    ws: number;
    media: number;
    nats: number;
    redis: number;
    postgres: number;
    opsBase: number;
  };
  /** Processes per scalable service (conn-gateway: one per core by default). */
  instances: Record<string, number>;
  logLevel: string;
  /** Stream the services' JSON logs to this terminal as well (`npm start -- --logs`). */
  streamLogs: boolean;
  /**
   * `npm start -- --cluster`: the cluster topology on this machine (3 NATS nodes, Redis with
   * Sentinel, PostgreSQL with a streaming replica, two processes of every service), started
   * empty each time under `<dataDir>/cluster`.
   */
  cluster: boolean;
}

export function loadLauncherConfig(
  repoRoot: string,
  argv: string[],
  env = process.env,
): LauncherConfig {
  const e = loadEnv('launcher', launcherEnvSpec, env);
  return {
    repoRoot,
    dataDir: e.IM_DATA_DIR ? path.resolve(e.IM_DATA_DIR) : path.join(repoRoot, '.data'),
    ports: {
      rest: e.IM_REST_PORT,
      ws: e.IM_WS_PORT,
      media: e.IM_MEDIA_PORT,
      nats: e.IM_NATS_PORT,
      redis: e.IM_REDIS_PORT,
      postgres: e.IM_POSTGRES_PORT,
      opsBase: e.IM_OPS_PORT_BASE,
    },
    instances: argv.includes('--cluster')
      ? {
          ...CLUSTER_INSTANCES,
          'conn-gateway': Math.max(2, gatewayInstances(e.IM_CONN_GATEWAY_INSTANCES)),
        }
      : { 'conn-gateway': gatewayInstances(e.IM_CONN_GATEWAY_INSTANCES) },
    logLevel: e.LOG_LEVEL,
    streamLogs: argv.includes('--logs'),
    cluster: argv.includes('--cluster'),
  };
}

/** Processes per service in cluster mode: two of each. */
const CLUSTER_INSTANCES: Record<string, number> = Object.fromEntries(
  PLATFORM_SERVICES.map((s) => [s.name, 2]),
);

/**
 * The ops port of a process: the first of each service at `opsBase` plus its offset (api-gateway
 * 9100, account 9101, ..., conn-gateway 9110); more gateways continue after 9110 (9111, ...);
 * the further processes of every other service take the same layout 100 ports higher per
 * instance (account-2 9201, message-2 9205, ...).
 */
export function opsPortOf(opsBase: number, spec: PlatformServiceSpec, instance: number): number {
  const offset = spec.defaultOpsPort - 9100;
  if (instance === 0 || spec.name === 'conn-gateway') return opsBase + offset + instance;
  return opsBase + 100 * instance + offset;
}

/** IM_CONN_GATEWAY_INSTANCES: a positive count, or 0 for one per CPU core. */
export function gatewayInstances(wanted: number, cores = availableParallelism()): number {
  if (!Number.isInteger(wanted) || wanted < 0)
    throw new Error('IM_CONN_GATEWAY_INSTANCES must be a whole number >= 0');
  return wanted === 0 ? Math.max(1, cores) : wanted;
}
