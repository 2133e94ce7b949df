import { port, str } from 'envalid';

import { positiveInt, serviceConfig, splitServers } from '@im/platform';
import type { ConfigOf } from '@im/platform';

const connGateway = serviceConfig('CONN_GATEWAY', {
  opsPort: 9110,
  env: {
    CONN_GATEWAY_PORT: port({ default: 8090, desc: 'Port of the WebSocket endpoint /ws' }),
    CONN_GATEWAY_HOST: str({ default: '127.0.0.1', desc: 'Interface (0.0.0.0 in containers)' }),
    CONN_GATEWAY_PUBLIC_URLS: str({
      default: '',
      desc: 'Comma-separated ws:// URLs clients should try (GET /endpoints); this process when empty',
    }),
    CONN_GATEWAY_MAX_CONNECTIONS: positiveInt({
      default: 19_000,
      desc: 'Sockets this process accepts (the fd limit is 20,000)',
    }),
    CONN_GATEWAY_MAX_CONNECTIONS_PER_IP: positiveInt({
      default: 1000,
      desc: 'Sockets one client address (IPv4, or IPv6 /64) may hold on this process; more get HTTP 429',
    }),
    CONN_GATEWAY_MAX_GUESTS_PER_IP: positiveInt({
      default: 200,
      desc: 'Guest sessions one client address may hold on this process; more answer 60018, close 4005',
    }),
    CONN_GATEWAY_HEARTBEAT_INTERVAL_MS: positiveInt({
      default: 30_000,
      desc: 'Heartbeat interval told to clients; dead after 3 missed',
    }),
    CONN_GATEWAY_CREDENTIALS_TTL_MS: positiveInt({
      default: 30_000,
      desc: 'How long app keys are cached',
    }),
  },
});

export const CONN_GATEWAY_SERVICE = connGateway.service;

/** Every variable the WebSocket gateway reads (also checked against .env.example). */
export const connGatewayEnvSpec = connGateway.envSpec;

export type ConnGatewayConfig = ConfigOf<typeof connGateway> & {
  ws: {
    host: string;
    port: number;
    publicUrls: string[];
    maxConnections: number;
    maxConnectionsPerAddress: number;
    maxGuestsPerAddress: number;
    heartbeatIntervalMs: number;
  };
  credentialsTtlMs: number;
};

/** A node ID usable as a NATS subject token. */
export function subjectSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function loadConnGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): ConnGatewayConfig {
  const { config, env: e } = connGateway.load(env);
  return {
    ...config,
    nodeId: subjectSafe(config.nodeId),
    ws: {
      host: e.CONN_GATEWAY_HOST,
      port: e.CONN_GATEWAY_PORT,
      publicUrls: splitServers(e.CONN_GATEWAY_PUBLIC_URLS),
      maxConnections: e.CONN_GATEWAY_MAX_CONNECTIONS,
      maxConnectionsPerAddress: e.CONN_GATEWAY_MAX_CONNECTIONS_PER_IP,
      maxGuestsPerAddress: e.CONN_GATEWAY_MAX_GUESTS_PER_IP,
      heartbeatIntervalMs: e.CONN_GATEWAY_HEARTBEAT_INTERVAL_MS,
    },
    credentialsTtlMs: e.CONN_GATEWAY_CREDENTIALS_TTL_MS,
  };
}
