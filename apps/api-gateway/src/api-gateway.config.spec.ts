import path from 'node:path';

import { ConfigError } from '@im/platform';
import { readEnvFile } from '@im/testing';

import { apiGatewayEnvSpec, loadApiGatewayConfig } from './api-gateway.config';

const ENV_EXAMPLE = path.join(__dirname, '..', '.env.example');

describe(loadApiGatewayConfig.name, () => {
  const sut = loadApiGatewayConfig;

  it('runs on local defaults without any variable', () => {
    expect(sut({})).toMatchObject({
      service: 'api-gateway',
      logLevel: 'info',
      nats: { servers: ['nats://127.0.0.1:14222'], requestTimeoutMs: 5000, streamReplicas: 1 },
      redis: { url: 'redis://127.0.0.1:16379' },
      ops: { host: '127.0.0.1', port: 9100 },
      http: {
        host: '127.0.0.1',
        port: 8080,
        bodyLimitBytes: 1_048_576,
        trustProxy: false,
        requestTimeoutMs: 10_000,
        maxConnections: 10_000,
        maxConnectionsPerIp: 2000,
      },
      rest: { defaultRateLimitPerSecond: 5000, credentialsTtlMs: 30_000 },
    });
  });

  it('reads the variables into the typed config', () => {
    const config = sut({
      NATS_URL: 'nats://a:4222,nats://b:4222',
      NATS_REQUEST_TIMEOUT_MS: '750',
      NATS_STREAM_REPLICAS: '3',
      REDIS_URL: 'redis://cache:6379',
      LOG_LEVEL: 'warn',
      NODE_ID: 'gw-7',
      API_GATEWAY_PORT: '80',
      API_GATEWAY_HOST: '0.0.0.0',
      API_GATEWAY_OPS_PORT: '9999',
      API_GATEWAY_OPS_HOST: '0.0.0.0',
      API_GATEWAY_BODY_LIMIT_BYTES: '4096',
      API_GATEWAY_RATE_LIMIT_PER_SECOND: '50',
      API_GATEWAY_CREDENTIALS_TTL_MS: '1000',
      API_GATEWAY_TRUST_PROXY: 'true',
      API_GATEWAY_REQUEST_TIMEOUT_MS: '2500',
      API_GATEWAY_MAX_CONNECTIONS: '100',
      API_GATEWAY_MAX_CONNECTIONS_PER_IP: '8',
      API_GATEWAY_PUBLIC_URL: 'https://im.example.com/',
    });

    expect(config).toEqual({
      service: 'api-gateway',
      nodeId: 'gw-7',
      logLevel: 'warn',
      nats: {
        servers: ['nats://a:4222', 'nats://b:4222'],
        requestTimeoutMs: 750,
        streamReplicas: 3,
        maxInFlight: 256,
        maxQueued: 10000,
        maxQueueWaitMs: 500,
        maxPendingPerService: 2000,
      },
      redis: { url: 'redis://cache:6379' },
      ops: { host: '0.0.0.0', port: 9999 },
      http: {
        host: '0.0.0.0',
        port: 80,
        bodyLimitBytes: 4096,
        trustProxy: true,
        requestTimeoutMs: 2500,
        maxConnections: 100,
        maxConnectionsPerIp: 8,
        publicUrl: 'https://im.example.com',
      },
      rest: { defaultRateLimitPerSecond: 50, credentialsTtlMs: 1000 },
    });
  });

  it('generates a node ID naming the service when none is given', () => {
    expect(sut({ NODE_ID: '' }).nodeId).toMatch(/^api-gateway-/);
  });

  it('lists every bad variable at once in a ConfigError', () => {
    const bad = {
      NATS_REQUEST_TIMEOUT_MS: 'soon',
      REDIS_URL: 'not a url',
      LOG_LEVEL: 'loud',
      API_GATEWAY_PORT: '70000',
      API_GATEWAY_OPS_PORT: 'x',
      API_GATEWAY_BODY_LIMIT_BYTES: 'big',
      API_GATEWAY_RATE_LIMIT_PER_SECOND: 'many',
      API_GATEWAY_CREDENTIALS_TTL_MS: 'long',
      API_GATEWAY_TRUST_PROXY: 'maybe',
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
});

describe('apps/api-gateway/.env.example', () => {
  it('lists exactly the variables of apiGatewayEnvSpec', () => {
    const listed = Object.keys(readEnvFile(ENV_EXAMPLE)).sort();

    expect(listed).toEqual(Object.keys(apiGatewayEnvSpec).sort());
  });

  it('gives each variable its default value', () => {
    const fromExample = loadApiGatewayConfig(readEnvFile(ENV_EXAMPLE));
    const fromDefaults = loadApiGatewayConfig({});

    expect({ ...fromExample, nodeId: '' }).toEqual({ ...fromDefaults, nodeId: '' });
  });
});
