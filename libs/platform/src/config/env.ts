import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

import { bool, cleanEnv, makeValidator, num, port, str, url, ValidatorSpec } from 'envalid';

import type { PlatformConfig, RedisConfig } from './platform-config';

/** Thrown at boot when the environment is invalid; lists every bad variable at once. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: Record<string, string>,
  ) {
    super(
      `${service}: invalid configuration:\n` +
        Object.entries(problems)
          .map(([key, problem]) => `  - ${key}: ${problem}`)
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export type EnvSpec = Record<string, ValidatorSpec<unknown>>;
export type CleanEnv<S extends EnvSpec> = {
  readonly [K in keyof S]: S[K] extends ValidatorSpec<infer T> ? T : never;
};

/** Validates `env` against `spec`; throws a ConfigError naming every missing or malformed variable. */
export function loadEnv<S extends EnvSpec>(
  service: string,
  spec: S,
  env: Record<string, string | undefined>,
): CleanEnv<S> {
  return cleanEnv(env, spec, {
    reporter: ({ errors }) => {
      const entries = Object.entries(errors).filter(([, e]) => e !== undefined);
      if (entries.length === 0) return;
      throw new ConfigError(
        service,
        Object.fromEntries(
          entries.map(([key, e]) => [
            key,
            (e as Error).message.includes('undefined') ? 'missing' : (e as Error).message,
          ]),
        ),
      );
    },
  }) as unknown as CleanEnv<S>;
}

/** A whole number ≥ 1 written in plain digits (`5000`; not `5e3`, `0`, `-1` or `5000ms`). */
export const positiveInt = makeValidator<number>((input: string) => {
  const text = input.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`must be a positive whole number, got "${input}"`);
  }
  return value;
});

/** Local defaults: the ports `npm start` gives nats-server, redis-server and postgres. */
export const LocalDefaults = {
  natsUrl: 'nats://127.0.0.1:14222',
  redisUrl: 'redis://127.0.0.1:16379',
  postgresUrl: (database: string) => `postgres://postgres@127.0.0.1:15432/${database}`,
} as const;

/** Variables every service reads: where NATS and Redis are, logging, identity, timeouts. */
export function commonEnvSpec() {
  return {
    NATS_URL: str({ default: LocalDefaults.natsUrl, desc: 'NATS server URL(s), comma-separated' }),
    NATS_REQUEST_TIMEOUT_MS: positiveInt({
      default: 5000,
      desc: 'Timeout of NATS requests to other services',
    }),
    NATS_MAX_IN_FLIGHT: positiveInt({
      default: 256,
      desc: 'Requests a service instance works on at once; more wait in its queue',
    }),
    NATS_MAX_QUEUED: positiveInt({
      default: 10_000,
      desc: 'Requests that may wait; beyond, new ones are answered busy (60018, retryAfterMs)',
    }),
    NATS_MAX_QUEUE_WAIT_MS: positiveInt({
      default: 500,
      desc: 'Longest a request waits for its turn (a tenth of it while a queue stands); longer: busy',
    }),
    NATS_MAX_PENDING_PER_SERVICE: positiveInt({
      default: 2000,
      desc: 'Requests this process may have outstanding to one service; more are answered busy',
    }),
    NATS_STREAM_REPLICAS: num({
      default: 1,
      choices: [1, 3, 5],
      desc: 'JetStream replicas of owned streams',
    }),
    NATS_PASSWORD_FILE: str({
      default: '',
      desc: 'File holding the password of the NATS user named in NATS_URL (instead of the URL)',
    }),
    REDIS_URL: url({ default: LocalDefaults.redisUrl }),
    REDIS_PASSWORD_FILE: str({
      default: '',
      desc: 'File holding the Redis password (instead of putting it in REDIS_URL)',
    }),
    REDIS_SENTINELS: str({
      default: '',
      desc: 'Redis Sentinels (host:port, comma-separated): the primary is asked of them; REDIS_URL then only gives password and database',
    }),
    REDIS_SENTINEL_NAME: str({
      default: 'im-primary',
      desc: 'The name the Sentinels monitor the primary under',
    }),
    LOG_LEVEL: str({
      default: 'info',
      choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    }),
    NODE_ID: str({ default: '', desc: 'Unique name of this process; generated when empty' }),
  };
}

/** `<PREFIX>_OPS_PORT` (health, readiness, metrics) and `<PREFIX>_OPS_HOST`. */
export function opsEnvSpec<P extends string>(prefix: P, defaultPort: number) {
  return {
    [`${prefix}_OPS_PORT`]: port({
      default: defaultPort,
      desc: 'Port of /health, /ready, /metrics',
    }),
    [`${prefix}_OPS_HOST`]: str({ default: '127.0.0.1', desc: 'Interface of the ops server' }),
  } as { [K in `${P}_OPS_PORT`]: ValidatorSpec<number> } & {
    [K in `${P}_OPS_HOST`]: ValidatorSpec<string>;
  };
}

/** `<PREFIX>_DATABASE_URL`, pool size and migrate-on-start of a service's own database. */
export function databaseEnvSpec<P extends string>(prefix: P, database: string) {
  return {
    [`${prefix}_DATABASE_URL`]: url({ default: LocalDefaults.postgresUrl(database) }),
    [`${prefix}_DATABASE_PASSWORD_FILE`]: str({
      default: '',
      desc: 'File holding the password of the database role (instead of the URL)',
    }),
    [`${prefix}_DATABASE_POOL_MAX`]: positiveInt({ default: 10, desc: 'Connections in the pool' }),
    [`${prefix}_MIGRATE_ON_START`]: bool({
      default: true,
      desc: 'Apply pending migrations at start',
    }),
  } as { [K in `${P}_DATABASE_URL`]: ValidatorSpec<string> } & {
    [K in `${P}_DATABASE_PASSWORD_FILE`]: ValidatorSpec<string>;
  } & {
    [K in `${P}_DATABASE_POOL_MAX`]: ValidatorSpec<number>;
  } & { [K in `${P}_MIGRATE_ON_START`]: ValidatorSpec<boolean> };
}

export function generateNodeId(service: string): string {
  return `${service}-${hostname()}-${process.pid}`;
}

/**
 * `url` with the password read from `passwordFile` (a Docker or Kubernetes secret), or `url`
 * as it is when no file is named. The file's trailing newline is not part of the password.
 */
export function withPasswordFile(url: string, passwordFile: string): string {
  if (!passwordFile) return url;
  const password = readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '');
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}

export function splitServers(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The parts of every service's config that come from `commonEnvSpec()`. */
export function commonConfig(
  service: string,
  e: CleanEnv<ReturnType<typeof commonEnvSpec>>,
): Pick<PlatformConfig, 'service' | 'nodeId' | 'logLevel' | 'nats'> & {
  redis: RedisConfig;
} {
  return {
    service,
    nodeId: e.NODE_ID || generateNodeId(service),
    logLevel: e.LOG_LEVEL,
    nats: {
      servers: splitServers(e.NATS_URL).map((s) =>
        withPasswordFile(s.includes('://') ? s : `nats://${s}`, e.NATS_PASSWORD_FILE),
      ),
      requestTimeoutMs: e.NATS_REQUEST_TIMEOUT_MS,
      maxInFlight: e.NATS_MAX_IN_FLIGHT,
      maxQueued: e.NATS_MAX_QUEUED,
      maxQueueWaitMs: e.NATS_MAX_QUEUE_WAIT_MS,
      maxPendingPerService: e.NATS_MAX_PENDING_PER_SERVICE,
      streamReplicas: e.NATS_STREAM_REPLICAS,
    },
    redis: {
      url: withPasswordFile(e.REDIS_URL, e.REDIS_PASSWORD_FILE),
      ...(e.REDIS_SENTINELS
        ? { sentinels: splitServers(e.REDIS_SENTINELS), sentinelName: e.REDIS_SENTINEL_NAME }
        : {}),
    },
  };
}
