import { isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';

/**
 * `CALLBACK_DISPATCHER_EGRESS_IPS`: comma-separated IPv4/IPv6 addresses; empty = this host's.
 * Returns the addresses, or throws naming the first item that is not one.
 */
export function parseIpList(text: string): string[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const item of items) if (isIP(item) === 0) throw new Error(`"${item}" is not an IP address`);
  return [...new Set(items)];
}

/**
 * The addresses a host sends from, for an app backend's allow-list: every non-internal IPv4
 * and IPv6 address of its interfaces, link-local IPv6 (fe80::/10, never routed) left out.
 */
export function hostIps(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const ips = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => !i.internal && !(i.family === 'IPv6' && /^fe[89ab]/i.test(i.address)))
    .map((i) => i.address);
  return [...new Set(ips)];
}
