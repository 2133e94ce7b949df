import path from 'node:path';

import { port, str } from 'envalid';

import { loadEnv } from '@im/platform';

/** Knobs of `npm start`; the defaults need no setting. */
export const launcherEnvSpec = {
  IM_DATA_DIR: str({ default: '', desc: 'Data folder (default: <repo>/.data)' }),
  IM_REST_PORT: port({ default: 8080 }),
  IM_WS_PORT: port({ default: 8090 }),
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
    nats: number;
    redis: number;
    postgres: number;
    opsBase: number;
  };
  logLevel: string;
  /** Stream the services' JSON logs to this terminal as well (`npm start -- --logs`). */
  streamLogs: boolean;
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
      nats: e.IM_NATS_PORT,
      redis: e.IM_REDIS_PORT,
      postgres: e.IM_POSTGRES_PORT,
      opsBase: e.IM_OPS_PORT_BASE,
    },
    logLevel: e.LOG_LEVEL,
    streamLogs: argv.includes('--logs'),
  };
}
