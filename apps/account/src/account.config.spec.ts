import { existsSync } from 'node:fs';
import path from 'node:path';

import { ConfigError } from '@im/platform';
import { readEnvFile } from '@im/testing';

import { accountEnvSpec, loadAccountConfig } from './account.config';

const ENV_EXAMPLE = path.join(__dirname, '..', '.env.example');

describe(loadAccountConfig.name, () => {
  const sut = loadAccountConfig;

  it('runs on local defaults without any variable', () => {
    const config = sut({});

    expect(config).toMatchObject({
      service: 'account',
      logLevel: 'info',
      nats: { servers: ['nats://127.0.0.1:14222'], requestTimeoutMs: 5000, streamReplicas: 1 },
      redis: { url: 'redis://127.0.0.1:16379' },
      db: {
        url: 'postgres://postgres@127.0.0.1:15432/im_account',
        poolMax: 10,
        migrateOnStart: true,
      },
      ops: { host: '127.0.0.1', port: 9101 },
    });
  });

  it('points at the migrations folder of the account service', () => {
    const { migrationsDir } = sut({}).db;

    expect(existsSync(path.join(migrationsDir, '0002_create_accounts.sql'))).toBe(true);
  });

  it('reads the variables into the typed config', () => {
    const config = sut({
      NATS_URL: 'nats://a:4222, nats://b:4222',
      NATS_REQUEST_TIMEOUT_MS: '750',
      NATS_STREAM_REPLICAS: '3',
      REDIS_URL: 'redis://cache:6379',
      LOG_LEVEL: 'warn',
      NODE_ID: 'account-7',
      ACCOUNT_OPS_PORT: '9999',
      ACCOUNT_OPS_HOST: '0.0.0.0',
      ACCOUNT_DATABASE_URL: 'postgres://db/im_account',
      ACCOUNT_DATABASE_POOL_MAX: '4',
      ACCOUNT_MIGRATE_ON_START: 'false',
    });

    expect(config).toMatchObject({
      nodeId: 'account-7',
      logLevel: 'warn',
      nats: {
        servers: ['nats://a:4222', 'nats://b:4222'],
        requestTimeoutMs: 750,
        streamReplicas: 3,
      },
      redis: { url: 'redis://cache:6379' },
      db: { url: 'postgres://db/im_account', poolMax: 4, migrateOnStart: false },
      ops: { host: '0.0.0.0', port: 9999 },
    });
  });

  it('generates a node ID naming the service when none is given', () => {
    expect(sut({ NODE_ID: '' }).nodeId).toMatch(/^account-/);
  });

  it('lists every bad variable at once in a ConfigError', () => {
    const bad = {
      NATS_REQUEST_TIMEOUT_MS: 'soon',
      ACCOUNT_OPS_PORT: '70000',
      LOG_LEVEL: 'loud',
      ACCOUNT_MIGRATE_ON_START: 'maybe',
    };

    let error: unknown;
    try {
      sut(bad);
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect(Object.keys((error as ConfigError).problems).sort()).toEqual(Object.keys(bad).sort());
    for (const key of Object.keys(bad)) expect((error as ConfigError).message).toContain(key);
  });

  it('refuses ops port 0', () => {
    expect(() => sut({ ACCOUNT_OPS_PORT: '0' })).toThrow(ConfigError);
  });
});

describe('apps/account/.env.example', () => {
  it('lists exactly the variables of accountEnvSpec', () => {
    const listed = Object.keys(readEnvFile(ENV_EXAMPLE)).sort();

    expect(listed).toEqual(Object.keys(accountEnvSpec).sort());
  });

  it('gives each variable its default value', () => {
    const fromExample = loadAccountConfig(readEnvFile(ENV_EXAMPLE));
    const fromDefaults = loadAccountConfig({});

    expect({ ...fromExample, nodeId: '' }).toEqual({ ...fromDefaults, nodeId: '' });
  });
});
