/** The env variables through which the jest global setup hands its servers to the workers. */
export const TEST_SERVER_ENV = {
  natsUrl: 'IM_TEST_NATS_URL',
  redisUrl: 'IM_TEST_REDIS_URL',
  pgAdminUrl: 'IM_TEST_PG_URL',
} as const;

export interface TestServerUrls {
  /** nats://operator:…@127.0.0.1:P: the operator user, no limits. */
  natsUrl: string;
  /** redis://:…@127.0.0.1:P */
  redisUrl: string;
  /** postgres://postgres:…@127.0.0.1:P/postgres: superuser, the `postgres` database. */
  pgAdminUrl: string;
}

/**
 * The credentials file of the servers the global setup started (`credentials.json` in its
 * temp dir, owner-only): the platform runner gives each service its own NATS user from it.
 */
export const TEST_CREDENTIALS_ENV = 'IM_TEST_CREDENTIALS_FILE';

type Env = Record<string, string | undefined>;

const KEYS = Object.keys(TEST_SERVER_ENV) as (keyof TestServerUrls)[];

/** True when all three URLs are in the environment (a global setup or .ci/run set them). */
export function hasTestServerUrls(env: Env = process.env): boolean {
  return KEYS.every((key) => !!env[TEST_SERVER_ENV[key]]);
}

/** The URLs of the servers started for this test run; throws when run outside it. */
export function testServerUrls(env: Env = process.env): TestServerUrls {
  const missing = KEYS.map((key) => TEST_SERVER_ENV[key]).filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `[testing] ${missing.join(', ')} not set: the test servers are started by the jest ` +
        'globalSetup of jest.preset.js (libs/testing/src/jest/global-setup.ts). Run the tests ' +
        'through jest with a config that extends the preset, or export the three IM_TEST_* URLs.',
    );
  }
  return {
    natsUrl: env[TEST_SERVER_ENV.natsUrl]!,
    redisUrl: env[TEST_SERVER_ENV.redisUrl]!,
    pgAdminUrl: env[TEST_SERVER_ENV.pgAdminUrl]!,
  };
}

export function exportTestServerUrls(urls: TestServerUrls, env: Env = process.env): void {
  for (const key of KEYS) env[TEST_SERVER_ENV[key]] = urls[key];
}

export function clearTestServerUrls(env: Env = process.env): void {
  for (const key of KEYS) delete env[TEST_SERVER_ENV[key]];
}
