import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Open connections at once. */
  maxConnections: number;
  /** Open connections per peer address. */
  maxConnectionsPerIp: number;
}

/**
 * Caps what one client can hold open on the REST port: a connection beyond either limit is
 * closed as it arrives, before any byte is read, so a flood of idle or stalled connections
 * cannot take the gateway's file descriptors or memory. (Stalled bodies are closed by the
 * server's request timeout.) Returns the per-address counts, for tests.
 */
export function limitConnections(server: Server, limits: ConnectionLimits): Map<string, number> {
  server.maxConnections = limits.maxConnections;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress ?? 'unknown';
    const count = (open.get(peer) ?? 0) + 1;
    if (count > limits.maxConnectionsPerIp) {
      socket.destroy();
      return;
    }
    open.set(peer, count);
    socket.once('close', () => {
      const left = (open.get(peer) ?? 1) - 1;
      if (left <= 0) open.delete(peer);
      else open.set(peer, left);
    });
  });
  return open;
}
