import { isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';

/** `CALLBACK_DISPATCHER_EGRESS_IPS`: the addresses of this host, or the ones written. */
export type EgressIpsSetting = 'host' | string[];

/**
 * Reads `CALLBACK_DISPATCHER_EGRESS_IPS`: `host`, or comma-separated IPv4/IPv6 addresses
 * (at least one); throws naming what is not an address.
 */
export function parseEgressIps(text: string): EgressIpsSetting {
  if (text.trim() === 'host') return 'host';
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new Error('write "host" or at least one IP address');
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
