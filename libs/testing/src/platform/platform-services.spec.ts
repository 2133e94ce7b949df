import {
  instanceCount,
  instanceName,
  serviceEnv,
  serviceSpec,
  ServicePorts,
} from './platform-services';

describe('platform services catalogue', () => {
  const infra = {
    natsUrl: 'nats://127.0.0.1:1',
    redisUrl: 'redis://127.0.0.1:2',
    postgresUrl: 'postgres://postgres@127.0.0.1:3/postgres',
  };
  const ports: ServicePorts = {
    rest: 8080,
    ws: 8090,
    ops: { 'conn-gateway': 9110, 'conn-gateway-2': 9111, 'conn-gateway-3': 9112, account: 9101 },
  };

  it('names the first process after its service and numbers the others from 2', () => {
    expect([0, 1, 2].map((i) => instanceName('conn-gateway', i))).toEqual([
      'conn-gateway',
      'conn-gateway-2',
      'conn-gateway-3',
    ]);
  });

  it('runs one process per service unless asked for more', () => {
    expect(instanceCount(serviceSpec('conn-gateway'))).toBe(1);
    expect(instanceCount(serviceSpec('conn-gateway'), { 'conn-gateway': 4 })).toBe(4);
    expect(instanceCount(serviceSpec('account'), { account: 2 })).toBe(2);
    expect(() => instanceCount(serviceSpec('conn-gateway'), { 'conn-gateway': 0 })).toThrow();
  });

  it('gives the api-gateway and media processes consecutive public ports', () => {
    const withMedia = { ...ports, media: 8082 };
    const env = (service: string, instance: number) =>
      serviceEnv(serviceSpec(service), infra, withMedia, { instance: { instance, instances: 2 } });

    expect([0, 1].map((i) => env('api-gateway', i).API_GATEWAY_PORT)).toEqual(['8080', '8081']);
    expect([0, 1].map((i) => env('media', i).MEDIA_PORT)).toEqual(['8082', '8083']);
  });

  it('connects a service to every node of a NATS cluster as its own user, and to Redis through Sentinel', () => {
    const cluster = {
      ...infra,
      natsUrl: 'nats://operator:op@127.0.0.1:1,127.0.0.1:2,127.0.0.1:3',
      redisSentinels: '127.0.0.1:26379,127.0.0.1:26380',
      credentials: {
        nats: { operator: 'op', services: { group: 'g-pw' } },
        redis: 'r',
        postgres: { superuser: 's', roles: {} },
      },
    };

    const env = serviceEnv(serviceSpec('group'), cluster, ports);

    expect(env.NATS_URL).toBe('nats://group:g-pw@127.0.0.1:1,127.0.0.1:2,127.0.0.1:3');
    expect(env.REDIS_SENTINELS).toBe('127.0.0.1:26379,127.0.0.1:26380');
    expect(env.REDIS_SENTINEL_NAME).toBe('im-primary');
  });

  it('gives each gateway process its own ports and node ID and lists every gateway for /endpoints', () => {
    const spec = serviceSpec('conn-gateway');

    const envs = [0, 1, 2].map((instance) =>
      serviceEnv(spec, infra, ports, { instance: { instance, instances: 3 } }),
    );

    expect(envs.map((e) => e.CONN_GATEWAY_PORT)).toEqual(['8090', '8091', '8092']);
    expect(envs.map((e) => e.CONN_GATEWAY_OPS_PORT)).toEqual(['9110', '9111', '9112']);
    expect(new Set(envs.map((e) => e.NODE_ID)).size).toBe(3);
    expect(envs[1].CONN_GATEWAY_PUBLIC_URLS).toBe(
      'ws://127.0.0.1:8091/ws,ws://127.0.0.1:8092/ws,ws://127.0.0.1:8090/ws',
    );
  });

  it('leaves a single gateway as it was (its own URL, no list)', () => {
    const env = serviceEnv(serviceSpec('conn-gateway'), infra, ports);

    expect(env.CONN_GATEWAY_PORT).toBe('8090');
    expect(env.CONN_GATEWAY_PUBLIC_URLS).toBeUndefined();
    expect(env.NODE_ID).toBe(`conn-gateway-${process.pid}`);
  });
});
