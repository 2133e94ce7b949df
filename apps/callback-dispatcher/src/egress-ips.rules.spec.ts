import type { NetworkInterfaceInfo } from 'node:os';

import { hostIps, parseEgressIps } from './egress-ips.rules';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;

describe(parseEgressIps.name, () => {
  it('reads comma-separated IPv4 and IPv6 addresses, trimmed, once each', () => {
    expect(parseEgressIps(' 203.0.113.7, 2001:db8::1 ,203.0.113.7,')).toEqual([
      '203.0.113.7',
      '2001:db8::1',
    ]);
  });

  it('reads "host" as the addresses of the host', () => {
    expect(parseEgressIps(' host ')).toBe('host');
  });

  it('refuses an item that is not an address, and nothing at all', () => {
    expect(() => parseEgressIps('203.0.113.7, callbacks.example.com')).toThrow(
      '"callbacks.example.com" is not an IP address',
    );
    expect(() => parseEgressIps(' , ')).toThrow('write "host" or at least one IP address');
  });
});

describe(hostIps.name, () => {
  it('lists non-internal IPv4 and IPv6 addresses, leaving out loopback and link-local', () => {
    const interfaces = {
      lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
      eth0: [iface('10.1.2.3', 'IPv4'), iface('fe80::1', 'IPv6'), iface('2001:db8::5', 'IPv6')],
      eth1: [iface('198.51.100.4', 'IPv4'), iface('10.1.2.3', 'IPv4')],
    };

    expect(hostIps(interfaces)).toEqual(['10.1.2.3', '2001:db8::5', '198.51.100.4']);
  });
});
