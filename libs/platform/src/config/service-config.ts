import type { ValidatorSpec } from 'envalid';

import {
  CleanEnv,
  commonConfig,
  commonEnvSpec,
  databaseEnvSpec,
  EnvSpec,
  loadEnv,
  opsEnvSpec,
  positiveInt,
  withPasswordFile,
} from './env';
import type { PlatformConfig } from './platform-config';

/** The service's own PostgreSQL database. */
export interface DatabaseDefinition {
  /** Database name in the local default URL (`im_group`). */
  name: string;
  /** Absolute path of the service's `migrations/` folder. */
  migrationsDir: string;
}

export interface ServiceConfigDefinition<S extends EnvSpec, T extends EnvSpec> {
  /** Default port of `/health`, `/ready`, `/metrics`. */
  opsPort: number;
  database?: DatabaseDefinition;
  /**
   * The service's own deployment variables, by their full names (`PUSH_APNS_URL`). They are
   * listed in `.env.example` and set in docker-compose.yml.
   */
  env?: S;
  /**
   * Knobs whose defaults suit every deployment, by camelCase name: `seqBlock` is read from
   * `<PREFIX>_SEQ_BLOCK`. Each must have a default; `.env.example` lists them under its
   * `# Tuning` line, and docker-compose.yml need not set them.
   */
  tuning?: T;
  /**
   * Default of `<PREFIX>_APP_REGISTRY_TTL_MS` (a tuning variable): how long the app registry
   * cache reuses an app's settings and keys. Services that read no app settings leave it out.
   */
  appRegistryTtlMs?: number;
}

export interface ServiceConfig extends PlatformConfig {
  redis: NonNullable<PlatformConfig['redis']>;
  /** Present when the definition has `appRegistryTtlMs`; pass to `PlatformModule.forRoot`. */
  appRegistry?: { ttlMs: number };
}

export interface DatabaseServiceConfig extends ServiceConfig {
  db: NonNullable<PlatformConfig['db']>;
}

export interface LoadedServiceConfig<C, S extends EnvSpec, T extends EnvSpec> {
  /** The platform part: service, node, NATS, Redis, ops, database, app registry. */
  config: C;
  /** The service's own variables, by name. */
  env: CleanEnv<S>;
  /** The tuning knobs, by camelCase name. */
  tuning: CleanEnv<T>;
}

export interface ServiceConfigBuilder<C, S extends EnvSpec, T extends EnvSpec> {
  /** `group`, `callback-dispatcher`: queue group, log field, metric label. */
  service: string;
  /** Every variable the service reads: `.env.example` lists exactly these. */
  envSpec: EnvSpec;
  /** Names of the tuning variables (defaults that suit every deployment). */
  tuningVariables: readonly string[];
  /** Validates the environment (every problem at once) and builds the typed config. */
  load(env?: Record<string, string | undefined>): LoadedServiceConfig<C, S, T>;
}

/** `seqBlock` → `SEQ_BLOCK`. */
export function envName(camelCase: string): string {
  return camelCase.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

type EnvOf<D> = D extends { env: infer S extends EnvSpec } ? S : Record<never, never>;
type TuningOf<D> = D extends { tuning: infer T extends EnvSpec } ? T : Record<never, never>;
/** ServiceConfig, with `db` and `appRegistry` when the definition declares them. */
export type ServiceConfigOf<D> = ServiceConfig &
  (D extends { database: DatabaseDefinition } ? Pick<DatabaseServiceConfig, 'db'> : unknown) &
  (D extends { appRegistryTtlMs: number } ? { appRegistry: { ttlMs: number } } : unknown);

/**
 * One service's configuration from its environment. The platform part is the same for every
 * service (NATS, Redis, logging, node ID, ops server, the database and the app registry cache
 * when it has them); the definition adds only what is the service's own. `prefix` names the
 * service's variables (`GROUP_OPS_PORT`) and, lower-cased with dashes, the service (`group`).
 */
export function serviceConfig<D extends ServiceConfigDefinition<EnvSpec, EnvSpec>>(
  prefix: string,
  definition: D,
): ServiceConfigBuilder<ServiceConfigOf<D>, EnvOf<D>, TuningOf<D>> {
  const service = prefix.toLowerCase().replace(/_/g, '-');
  const tuning = tuningSpec(prefix, definition);
  const envSpec: EnvSpec = {
    ...commonEnvSpec(),
    ...opsEnvSpec(prefix, definition.opsPort),
    ...(definition.database && databaseEnvSpec(prefix, definition.database.name)),
    ...definition.env,
    ...tuning,
  };
  return {
    service,
    envSpec,
    tuningVariables: Object.keys(tuning),
    load(env = process.env) {
      const e = loadEnv(service, envSpec, env) as Record<string, unknown>;
      return {
        config: platformPart(service, prefix, definition, e) as ServiceConfigOf<D>,
        env: pick(e, Object.keys(definition.env ?? {})) as CleanEnv<EnvOf<D>>,
        tuning: Object.fromEntries(
          Object.keys(definition.tuning ?? {}).map((key) => [key, e[tuningName(prefix, key)]]),
        ) as CleanEnv<TuningOf<D>>,
      };
    },
  };
}

const APP_REGISTRY_TTL = 'appRegistryTtlMs';

function tuningName(prefix: string, key: string): string {
  return `${prefix}_${envName(key)}`;
}

function tuningSpec(prefix: string, definition: ServiceConfigDefinition<EnvSpec, EnvSpec>) {
  const entries: [string, ValidatorSpec<unknown>][] = Object.entries(definition.tuning ?? {});
  for (const [key, spec] of entries) {
    if (spec.default === undefined)
      throw new Error(`${tuningName(prefix, key)}: a tuning variable needs a default`);
  }
  if (definition.appRegistryTtlMs !== undefined) {
    entries.push([
      APP_REGISTRY_TTL,
      positiveInt({
        default: definition.appRegistryTtlMs,
        desc: 'How long an app’s settings and keys are reused (dropped at once when the app changes)',
      }),
    ]);
  }
  return Object.fromEntries(entries.map(([key, spec]) => [tuningName(prefix, key), spec]));
}

function platformPart(
  service: string,
  prefix: string,
  definition: ServiceConfigDefinition<EnvSpec, EnvSpec>,
  e: Record<string, unknown>,
): ServiceConfig {
  const common = commonConfig(service, e as CleanEnv<ReturnType<typeof commonEnvSpec>>);
  const database = definition.database;
  return {
    ...common,
    ops: { host: e[`${prefix}_OPS_HOST`] as string, port: e[`${prefix}_OPS_PORT`] as number },
    ...(database && {
      db: {
        url: withPasswordFile(
          e[`${prefix}_DATABASE_URL`] as string,
          e[`${prefix}_DATABASE_PASSWORD_FILE`] as string,
        ),
        poolMax: e[`${prefix}_DATABASE_POOL_MAX`] as number,
        migrateOnStart: e[`${prefix}_MIGRATE_ON_START`] as boolean,
        migrationsDir: database.migrationsDir,
      },
    }),
    ...(definition.appRegistryTtlMs !== undefined && {
      appRegistry: { ttlMs: e[tuningName(prefix, APP_REGISTRY_TTL)] as number },
    }),
  };
}

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, values[key]]));
}

/** The typed config a builder loads: `type GroupConfig = ConfigOf<typeof group>`. */
export type ConfigOf<B extends { load(env?: never): { config: unknown } }> = ReturnType<
  B['load']
>['config'];
