import { isIPv6 } from 'node:net';

/** The caps per client address (docs/protocol.md §9). */
export interface AddressCaps {
  /** Open connections, logged in or not. */
  connectionsPerAddress: number;
  /** Guest sessions (no credential), a lower cap. */
  guestsPerAddress: number;
}

interface Held {
  connections: number;
  guests: number;
}

/**
 * What each client address holds on this gateway process: its connections and its guest
 * sessions, each capped, so one address cannot take the process's sockets or fill its memory
 * with sessions that need no credential. IPv6 addresses count per /64 (one subscriber's
 * network), IPv4 per address.
 */
export class AddressLimits {
  private readonly held = new Map<string, Held>();

  constructor(private readonly caps: AddressCaps) {}

  /** Addresses holding something (for tests and metrics). */
  get size(): number {
    return this.held.size;
  }

  /** Takes a connection slot of `address`; false (nothing taken) when it holds its cap. */
  openConnection(address: string): boolean {
    const held = this.of(address);
    if (held.connections >= this.caps.connectionsPerAddress) {
      this.forgetIfEmpty(address, held);
      return false;
    }
    held.connections++;
    return true;
  }

  closeConnection(address: string): void {
    const held = this.held.get(address);
    if (!held) return;
    held.connections = Math.max(0, held.connections - 1);
    this.forgetIfEmpty(address, held);
  }

  /** Takes a guest slot of `address`; false (nothing taken) when it holds its cap. */
  admitGuest(address: string): boolean {
    const held = this.of(address);
    if (held.guests >= this.caps.guestsPerAddress) {
      this.forgetIfEmpty(address, held);
      return false;
    }
    held.guests++;
    return true;
  }

  releaseGuest(address: string): void {
    const held = this.held.get(address);
    if (!held) return;
    held.guests = Math.max(0, held.guests - 1);
    this.forgetIfEmpty(address, held);
  }

  private of(address: string): Held {
    let held = this.held.get(address);
    if (!held) this.held.set(address, (held = { connections: 0, guests: 0 }));
    return held;
  }

  private forgetIfEmpty(address: string, held: Held): void {
    if (held.connections === 0 && held.guests === 0) this.held.delete(address);
  }
}

/**
 * The address a connection is counted under: an IPv4 address as it is (also when written as
 * IPv4-mapped IPv6), an IPv6 address as its /64 prefix; `unknown` when the socket has none.
 */
export function clientAddress(remote: string | undefined): string {
  if (!remote) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote);
  if (mapped) return mapped[1];
  if (!isIPv6(remote)) return remote;
  const [head, tail = ''] = remote.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = remote.includes('::') && tail ? tail.split(':') : [];
  const groups = [
    ...left,
    ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
