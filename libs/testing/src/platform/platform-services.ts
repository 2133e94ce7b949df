import path from 'node:path';

import { existsSync } from 'node:fs';

import { findRepoRoot } from '../database/repo-root';
import { TEST_CREDENTIALS_ENV } from '../jest/test-server-urls';
import { InfraCredentials, loadOrCreateCredentials, withUserInfo } from '../servers/credentials';

/** Where the platform's infrastructure is. */
export interface InfraUrls {
  /**
   * With the operator's credentials; a service with `credentials` connects as its own user.
   * A cluster's nodes comma-separated (the first with the credentials, like NATS_URL).
   */
  natsUrl: string;
  /** With the password; with `redisSentinels` only its password counts. */
  redisUrl: string;
  /** `host:port` of each Redis Sentinel, comma-separated: services ask them for the primary. */
  redisSentinels?: string;
  /** The name the Sentinels know the primary by. */
  redisSentinelName?: string;
  /** A PostgreSQL URL of the server (any database); each service gets its own database on it. */
  postgresUrl: string;
  /**
   * The servers' credentials: each service connects to NATS as its own user, limited to its
   * contract (nats-access.ts). Without them every service gets `natsUrl` as it is.
   */
  credentials?: InfraCredentials;
  /**
   * Each service connects to its database as the role of that database (the launcher creates
   * them with ensureServiceDatabase); otherwise with `postgresUrl`'s user.
   */
  databaseRoles?: boolean;
  /** Folder of the media service's local storage (MEDIA_DATA_DIR); default `data/media`. */
  mediaDir?: string;
}

/** The credentials of the servers the jest global setup started, when it started them. */
export function testCredentials(): InfraCredentials | undefined {
  const file = process.env[TEST_CREDENTIALS_ENV];
  return file && existsSync(file) ? loadOrCreateCredentials(file, []) : undefined;
}

export interface ServicePorts {
  /** Ops port of each service process by instance name (`/health`, `/ready`, `/metrics`). */
  ops: Record<string, number>;
  /** REST API port of the first api-gateway; instance i listens on `rest + i`. */
  rest: number;
  /** WebSocket port of the first conn-gateway; instance i listens on `ws + i`. */
  ws: number;
  /** Upload and download port of the first media process (default DEFAULT_MEDIA_PORT); `+ i`. */
  media?: number;
}

/** The media service's HTTP port under `npm start` (MEDIA_PORT's default). */
export const DEFAULT_MEDIA_PORT = 8082;

/** Which process of a service: index `instance` of `instances` running side by side. */
export interface ServiceInstance {
  instance: number;
  instances: number;
}

/** One deployable of apps/: how to start it and what it needs. */
export interface PlatformServiceSpec {
  name: string;
  /** Its ops port under `npm start` (the default of its config). */
  defaultOpsPort: number;
  /** Path of the compiled entry point from the repository root. */
  entry: string;
  /** Its own database (name of the `<PREFIX>_DATABASE_URL` variable and database), if any. */
  database?: { envVar: string; name: string };
  /** Variables beyond NATS_URL, REDIS_URL and the database URL. */
  env: (
    ports: ServicePorts,
    name: string,
    instance: ServiceInstance,
    infra: InfraUrls,
  ) => Record<string, string>;
}

/** Every service of the platform in start order (dependencies first). */
export const PLATFORM_SERVICES: readonly PlatformServiceSpec[] = [
  {
    name: 'account',
    defaultOpsPort: 9101,
    entry: 'apps/account/dist/main.js',
    database: { envVar: 'ACCOUNT_DATABASE_URL', name: 'im_account' },
    env: (ports, name) => ({ ACCOUNT_OPS_PORT: String(ports.ops[name]) }),
  },
  {
    name: 'profile',
    defaultOpsPort: 9102,
    entry: 'apps/profile/dist/main.js',
    database: { envVar: 'PROFILE_DATABASE_URL', name: 'im_profile' },
    env: (ports, name) => ({ PROFILE_OPS_PORT: String(ports.ops[name]) }),
  },
  {
    name: 'relation',
    defaultOpsPort: 9103,
    entry: 'apps/relation/dist/main.js',
    database: { envVar: 'RELATION_DATABASE_URL', name: 'im_relation' },
    env: (ports, name) => ({ RELATION_OPS_PORT: String(ports.ops[name]) }),
  },
  {
    name: 'group',
    defaultOpsPort: 9104,
    entry: 'apps/group/dist/main.js',
    database: { envVar: 'GROUP_DATABASE_URL', name: 'im_group' },
    env: (ports, name) => ({ GROUP_OPS_PORT: String(ports.ops[name]) }),
  },
  {
    name: 'conn-gateway',
    defaultOpsPort: 9110,
    entry: 'apps/conn-gateway/dist/main.js',
    env: (ports, name, { instance, instances }) => ({
      CONN_GATEWAY_OPS_PORT: String(ports.ops[name]),
      CONN_GATEWAY_PORT: String(ports.ws + instance),
      // GET /endpoints lists every gateway, this one first (GW-8).
      ...(instances > 1
        ? {
            CONN_GATEWAY_PUBLIC_URLS: Array.from(
              { length: instances },
              (_, i) => `ws://127.0.0.1:${ports.ws + ((instance + i) % instances)}/ws`,
            ).join(','),
          }
        : {}),
    }),
  },
  {
    name: 'message',
    defaultOpsPort: 9105,
    entry: 'apps/message/dist/main.js',
    database: { envVar: 'MESSAGE_DATABASE_URL', name: 'im_message' },
    env: (ports, name) => ({ MESSAGE_OPS_PORT: String(ports.ops[name]) }),
  },
  {
    name: 'push',
    defaultOpsPort: 9106,
    entry: 'apps/push/dist/main.js',
    database: { envVar: 'PUSH_DATABASE_URL', name: 'im_push' },
    env: (ports, name) => ({ PUSH_OPS_PORT: String(ports.ops[name]) }),
  },
  {
    name: 'callback-dispatcher',
    defaultOpsPort: 9107,
    entry: 'apps/callback-dispatcher/dist/main.js',
    database: { envVar: 'CALLBACK_DISPATCHER_DATABASE_URL', name: 'im_callback_dispatcher' },
    env: (ports, name) => ({
      CALLBACK_DISPATCHER_OPS_PORT: String(ports.ops[name]),
      // the retry schedule, when the platform's starter sets it (the console e2e's dead letters)
      ...passThrough(/^CALLBACK_DISPATCHER_(MAX_ATTEMPTS|RETRY_BASE_MS|RETRY_MAX_MS)$/),
    }),
  },
  {
    name: 'media',
    defaultOpsPort: 9108,
    entry: 'apps/media/dist/main.js',
    database: { envVar: 'MEDIA_DATABASE_URL', name: 'im_media' },
    env: (ports, name, { instance }, infra) => ({
      MEDIA_OPS_PORT: String(ports.ops[name]),
      MEDIA_PORT: String((ports.media ?? DEFAULT_MEDIA_PORT) + instance),
      MEDIA_DATA_DIR: infra.mediaDir ?? 'data/media',
    }),
  },
  {
    name: 'api-gateway',
    defaultOpsPort: 9100,
    entry: 'apps/api-gateway/dist/main.js',
    env: (ports, name, { instance }) => ({
      API_GATEWAY_OPS_PORT: String(ports.ops[name]),
      API_GATEWAY_PORT: String(ports.rest + instance),
    }),
  },
];

/** The name of one process of a service: `conn-gateway`, `conn-gateway-2`, ... */
export function instanceName(service: string, instance: number): string {
  return instance === 0 ? service : `${service}-${instance + 1}`;
}

/**
 * How many processes of each service to run: 1 unless asked. Every service may run as several
 * (NATS queue groups share its requests, JetStream durable consumers its events, periodic work
 * runs under a lock or a lease, state lives in PostgreSQL and Redis).
 */
export function instanceCount(
  spec: PlatformServiceSpec,
  wanted: Readonly<Record<string, number>> = {},
): number {
  const n = wanted[spec.name] ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${spec.name}: instances must be >= 1`);
  return n;
}

/** NATS_URL of a service: the first node's URL as `user`, the other nodes as they are. */
export function natsUrlAs(natsUrl: string, user: string, password: string): string {
  const [first, ...others] = natsUrl.split(',').map((u) => u.trim());
  return [withUserInfo(first, user, password), ...others].join(',');
}

export function serviceSpec(name: string): PlatformServiceSpec {
  const spec = PLATFORM_SERVICES.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown service ${name}`);
  return spec;
}

/** The database URL of a service on the given server. */
export function databaseUrl(postgresUrl: string, database: string): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The environment a service process gets. */
/** The variables of this process whose names match, for a service to be started with. */
function passThrough(names: RegExp): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => names.test(e[0]) && e[1] !== undefined,
    ),
  );
}

export function serviceEnv(
  spec: PlatformServiceSpec,
  infra: InfraUrls,
  ports: ServicePorts,
  options: {
    databaseName?: (service: string, database: string) => string;
    logLevel?: string;
    extra?: Record<string, string>;
    /** Which process of a scalable service (default: the only one). */
    instance?: ServiceInstance;
  } = {},
): Record<string, string> {
  const instance = options.instance ?? { instance: 0, instances: 1 };
  const name = instanceName(spec.name, instance.instance);
  const natsPassword = infra.credentials?.nats.services[spec.name];
  const env: Record<string, string> = {
    NATS_URL: natsPassword ? natsUrlAs(infra.natsUrl, spec.name, natsPassword) : infra.natsUrl,
    REDIS_URL: infra.redisUrl,
    ...(infra.redisSentinels
      ? {
          REDIS_SENTINELS: infra.redisSentinels,
          REDIS_SENTINEL_NAME: infra.redisSentinelName ?? 'im-primary',
        }
      : {}),
    LOG_LEVEL: options.logLevel ?? 'info',
    NODE_ID: `${name}-${process.pid}`,
    ...spec.env(ports, name, instance, infra),
  };
  if (spec.database) {
    const name = options.databaseName?.(spec.name, spec.database.name) ?? spec.database.name;
    const rolePassword = infra.databaseRoles && infra.credentials?.postgres.roles[name];
    const url = databaseUrl(infra.postgresUrl, name);
    env[spec.database.envVar] = rolePassword ? withUserInfo(url, name, rolePassword) : url;
  }
  return { ...env, ...options.extra };
}

export function entryPath(spec: PlatformServiceSpec): string {
  return path.join(findRepoRoot(), spec.entry);
}
