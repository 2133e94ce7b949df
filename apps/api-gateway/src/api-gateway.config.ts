import { bool, port, str } from 'envalid';

import { positiveInt, serviceConfig } from '@im/platform';
import type { ConfigOf } from '@im/platform';

const apiGateway = serviceConfig('API_GATEWAY', {
  opsPort: 9100,
  env: {
    API_GATEWAY_PORT: port({ default: 8080, desc: 'Port of the /v4 REST API' }),
    API_GATEWAY_HOST: str({
      default: '127.0.0.1',
      desc: 'Interface of the REST API (0.0.0.0 in containers)',
    }),
    API_GATEWAY_BODY_LIMIT_BYTES: positiveInt({
      default: 1_048_576,
      desc: 'Largest request body accepted',
    }),
    API_GATEWAY_RATE_LIMIT_PER_SECOND: positiveInt({
      default: 5000,
      desc: 'REST requests per second per app, unless the app sets restRateLimitPerSecond',
    }),
    API_GATEWAY_CREDENTIALS_TTL_MS: positiveInt({
      default: 30_000,
      desc: 'How long app keys are cached',
    }),
    API_GATEWAY_PUBLIC_URL: str({
      default: '',
      desc: 'scheme://host[:port] of the REST API in links it hands out (default: as called)',
    }),
    API_GATEWAY_TRUST_PROXY: bool({
      default: false,
      desc: 'Trust X-Forwarded-* from a load balancer',
    }),
  },
  tuning: {
    requestTimeoutMs: positiveInt({
      default: 10_000,
      desc: 'A request whose headers and body have not all arrived by then is answered 408 and closed',
    }),
    maxConnections: positiveInt({
      default: 10_000,
      desc: 'Open connections the REST port accepts at once; more are closed at once',
    }),
    maxConnectionsPerIp: positiveInt({
      // an app backend is one address calling with high concurrency: the cap is against a
      // client holding the port, not against a busy backend
      default: 2000,
      desc: 'Open connections per peer address (the load balancer, behind one)',
    }),
  },
});

export const API_GATEWAY_SERVICE = apiGateway.service;

/** Every variable the REST edge reads (also checked against .env.example). */
export const apiGatewayEnvSpec = apiGateway.envSpec;

export type ApiGatewayConfig = ConfigOf<typeof apiGateway> & {
  http: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    trustProxy: boolean;
    requestTimeoutMs: number;
    maxConnections: number;
    maxConnectionsPerIp: number;
    /** Base of links handed out ('' = the scheme and host each call came to). */
    publicUrl: string;
  };
  rest: { defaultRateLimitPerSecond: number; credentialsTtlMs: number };
};

export function loadApiGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): ApiGatewayConfig {
  const { config, env: e, tuning } = apiGateway.load(env);
  return {
    ...config,
    http: {
      host: e.API_GATEWAY_HOST,
      port: e.API_GATEWAY_PORT,
      bodyLimitBytes: e.API_GATEWAY_BODY_LIMIT_BYTES,
      trustProxy: e.API_GATEWAY_TRUST_PROXY,
      requestTimeoutMs: tuning.requestTimeoutMs,
      maxConnections: tuning.maxConnections,
      maxConnectionsPerIp: tuning.maxConnectionsPerIp,
      publicUrl: e.API_GATEWAY_PUBLIC_URL.replace(/\/+$/, ''),
    },
    rest: {
      defaultRateLimitPerSecond: e.API_GATEWAY_RATE_LIMIT_PER_SECOND,
      credentialsTtlMs: e.API_GATEWAY_CREDENTIALS_TTL_MS,
    },
  };
}
