import { str } from 'envalid';

import { ConfigError, positiveInt } from './env';
import { envName, serviceConfig } from './service-config';

describe(serviceConfig.name, () => {
  const sut = serviceConfig('SHOP_FRONT', {
    opsPort: 9190,
    database: { name: 'im_shop_front', migrationsDir: '/srv/shop-front/migrations' },
    env: { SHOP_FRONT_GREETING: str({ default: 'hello', desc: 'What the shop says' }) },
    tuning: { pageSize: positiveInt({ default: 50, desc: 'Rows per page' }) },
    appRegistryTtlMs: 30_000,
  });

  it('names the service after its prefix', () => {
    expect(sut.service).toBe('shop-front');
  });

  it('declares the platform variables, its own and its tuning ones', () => {
    expect(Object.keys(sut.envSpec).sort()).toEqual(
      [
        'LOG_LEVEL',
        'NATS_MAX_IN_FLIGHT',
        'NATS_MAX_PENDING_PER_SERVICE',
        'NATS_MAX_QUEUED',
        'NATS_MAX_QUEUE_WAIT_MS',
        'NATS_PASSWORD_FILE',
        'NATS_REQUEST_TIMEOUT_MS',
        'NATS_STREAM_REPLICAS',
        'NATS_URL',
        'NODE_ID',
        'REDIS_PASSWORD_FILE',
        'REDIS_SENTINELS',
        'REDIS_SENTINEL_NAME',
        'REDIS_URL',
        'SHOP_FRONT_APP_REGISTRY_TTL_MS',
        'SHOP_FRONT_DATABASE_PASSWORD_FILE',
        'SHOP_FRONT_DATABASE_POOL_MAX',
        'SHOP_FRONT_DATABASE_URL',
        'SHOP_FRONT_GREETING',
        'SHOP_FRONT_MIGRATE_ON_START',
        'SHOP_FRONT_OPS_HOST',
        'SHOP_FRONT_OPS_PORT',
        'SHOP_FRONT_PAGE_SIZE',
      ].sort(),
    );
    expect(sut.tuningVariables).toEqual(['SHOP_FRONT_PAGE_SIZE', 'SHOP_FRONT_APP_REGISTRY_TTL_MS']);
  });

  it('runs on local defaults without any variable', () => {
    const { config, env, tuning } = sut.load({});

    expect(config).toEqual({
      service: 'shop-front',
      nodeId: expect.stringMatching(/^shop-front-/),
      logLevel: 'info',
      nats: {
        servers: ['nats://127.0.0.1:14222'],
        requestTimeoutMs: 5000,
        maxInFlight: 256,
        maxQueued: 10_000,
        maxQueueWaitMs: 500,
        maxPendingPerService: 2000,
        streamReplicas: 1,
      },
      redis: { url: 'redis://127.0.0.1:16379' },
      ops: { host: '127.0.0.1', port: 9190 },
      db: {
        url: 'postgres://postgres@127.0.0.1:15432/im_shop_front',
        poolMax: 10,
        migrateOnStart: true,
        migrationsDir: '/srv/shop-front/migrations',
      },
      appRegistry: { ttlMs: 30_000 },
    });
    expect(env).toEqual({ SHOP_FRONT_GREETING: 'hello' });
    expect(tuning).toEqual({ pageSize: 50 });
  });

  it('reads every variable into the typed config', () => {
    const { config, env, tuning } = sut.load({
      NODE_ID: 'shop-1',
      SHOP_FRONT_OPS_PORT: '9999',
      SHOP_FRONT_DATABASE_URL: 'postgres://db/im_shop_front',
      SHOP_FRONT_GREETING: 'hi',
      SHOP_FRONT_PAGE_SIZE: '7',
      SHOP_FRONT_APP_REGISTRY_TTL_MS: '1000',
    });

    expect(config).toMatchObject({
      nodeId: 'shop-1',
      ops: { port: 9999 },
      db: { url: 'postgres://db/im_shop_front' },
      appRegistry: { ttlMs: 1000 },
    });
    expect(env.SHOP_FRONT_GREETING).toBe('hi');
    expect(tuning.pageSize).toBe(7);
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      sut.load({ SHOP_FRONT_OPS_PORT: '70000', SHOP_FRONT_PAGE_SIZE: '0', NATS_MAX_QUEUED: 'x' });
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect(Object.keys((error as ConfigError).problems).sort()).toEqual([
      'NATS_MAX_QUEUED',
      'SHOP_FRONT_OPS_PORT',
      'SHOP_FRONT_PAGE_SIZE',
    ]);
  });

  it('leaves the database and the app registry out when the service has none', () => {
    const edge = serviceConfig('EDGE', { opsPort: 9191 });

    expect(edge.load({}).config).not.toHaveProperty('db');
    expect(edge.load({}).config).not.toHaveProperty('appRegistry');
    expect(Object.keys(edge.envSpec)).not.toContain('EDGE_DATABASE_URL');
    expect(edge.tuningVariables).toEqual([]);
  });

  it('refuses a tuning variable without a default', () => {
    expect(() =>
      serviceConfig('EDGE', { opsPort: 9191, tuning: { pageSize: positiveInt() } }),
    ).toThrow('EDGE_PAGE_SIZE: a tuning variable needs a default');
  });
});

describe(envName.name, () => {
  it('turns camelCase into the variable spelling', () => {
    expect(envName('seqBlock')).toBe('SEQ_BLOCK');
    expect(envName('requestSweepIntervalMs')).toBe('REQUEST_SWEEP_INTERVAL_MS');
    expect(envName('c2cPageSize')).toBe('C2C_PAGE_SIZE');
  });
});
