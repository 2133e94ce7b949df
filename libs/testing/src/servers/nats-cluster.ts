import path from 'node:path';

import { newSecret, withUserInfo } from './credentials';
import { findFreePortRange } from './free-port';
import { NATS_OPERATOR_USER } from './nats-access';
import { NatsClusterMembership, startNatsServer } from './nats-server.process';
import { ServerHandle } from './server-handle';

export interface NatsClusterOptions {
  /** Node `i` keeps its files in `<baseDir>/nats-<i>`. */
  baseDir: string;
  /** Nodes in the cluster; 3 (the default) lets JetStream keep R3 streams through one loss. */
  nodes?: number;
  /** The operator's password on every node; new when absent. */
  password?: string;
  /** A user per service (by service name), limited to its contract, on every node. */
  servicePasswords?: Readonly<Record<string, string>>;
  persistent?: boolean;
  startupTimeoutMs?: number;
}

export interface NatsCluster {
  /** The running nodes; `restart(i)` replaces `nodes[i]`. */
  nodes: ServerHandle[];
  /** Every node's client URL with the operator's credentials (`servers` of a NATS client). */
  urls: string[];
  /** Every node's `127.0.0.1:port`, comma-separated: a service's `NATS_URL` without user info. */
  addresses: string;
  /** Starts node `i` again after it exited: same ports, store and passwords. */
  restart(i: number): Promise<ServerHandle>;
  stop(): Promise<void>;
}

const PORTS_PER_NODE = 3; // client, route, monitor

/**
 * Starts a NATS cluster with JetStream on 127.0.0.1: `nodes` servers routed to each other
 * (routes authenticated with a password of their own), each with the same operator and
 * service users as a single server. Resolves once every node has joined the JetStream meta
 * group, so an R3 stream can be created at once.
 */
export async function startNatsCluster(options: NatsClusterOptions): Promise<NatsCluster> {
  const count = options.nodes ?? 3;
  const password = options.password ?? newSecret();
  const first = await findFreePortRange(count * PORTS_PER_NODE);
  const port = (node: number, kind: number) => first + node * PORTS_PER_NODE + kind;
  const routePorts = Array.from({ length: count }, (_, i) => port(i, 1));
  const routeUser = 'route';
  const routePassword = newSecret();
  const start = (i: number) => {
    const cluster: NatsClusterMembership = {
      name: 'im-cluster',
      routePort: port(i, 1),
      peerRoutePorts: routePorts,
      routeUser,
      routePassword,
      monitorPort: port(i, 2),
    };
    return startNatsServer({
      dataDir: path.join(options.baseDir, `nats-${i}`),
      port: port(i, 0),
      password,
      servicePasswords: options.servicePasswords,
      persistent: options.persistent,
      startupTimeoutMs: options.startupTimeoutMs ?? 60_000,
      serverName: `im-nats-${i}`,
      cluster,
    });
  };
  const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => start(i)));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (failed) {
    await Promise.allSettled(nodes.map((n) => n.stop()));
    throw failed.reason;
  }
  const clientPorts = Array.from({ length: count }, (_, i) => port(i, 0));
  return {
    nodes,
    urls: clientPorts.map((p) =>
      withUserInfo(`nats://127.0.0.1:${p}`, NATS_OPERATOR_USER, password),
    ),
    addresses: clientPorts.map((p) => `127.0.0.1:${p}`).join(','),
    async restart(i) {
      const handle = await start(i);
      nodes[i] = handle;
      return handle;
    },
    async stop() {
      await Promise.allSettled(nodes.map((n) => n.stop()));
    },
  };
}
