import { connect, Socket } from 'node:net';

import { waitFor } from '@im/testing';

import { GatewayHarness, startGatewayHarness } from './gateway-harness';

/** A raw TCP connection to the REST port, with what it received and when it closed. */
function open(
  port: number,
): Promise<{ socket: Socket; data: () => string; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const opened = Date.now();
    const closed = new Promise<number>((done) =>
      socket.once('close', () => done(Date.now() - opened)),
    );
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.once('error', () => undefined);
    socket.once('connect', () => resolve({ socket, data: () => text, closed }));
    socket.once('error', reject);
  });
}

/** What one client may hold open on the REST port: stalled requests end, connections are capped. */
describe('REST connection limits', () => {
  let h: GatewayHarness;
  let port: number;

  beforeAll(async () => {
    h = await startGatewayHarness({
      API_GATEWAY_REQUEST_TIMEOUT_MS: '1500',
      API_GATEWAY_MAX_CONNECTIONS_PER_IP: '4',
    });
    port = Number(new URL(h.baseUrl).port);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('closes a request whose body stalls, with 408, after the request timeout', async () => {
    const c = await open(port);
    c.socket.write(
      'POST /v4/im_open_login_svc/account_check HTTP/1.1\r\nHost: x\r\n' +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"Check',
    );
    const after = await c.closed;
    expect(c.data()).toMatch(/^HTTP\/1\.1 408/);
    expect(after).toBeGreaterThanOrEqual(1000);
    expect(after).toBeLessThan(15_000);
  });

  it('closes connections beyond the per-address cap as they arrive, and takes new ones once some close', async () => {
    const held = await Promise.all([1, 2, 3, 4].map(() => open(port)));
    const refused = await open(port);
    await refused.closed;
    expect(refused.data()).toBe('');

    held[0].socket.destroy();
    await held[0].closed;
    const again = await open(port);
    again.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    // answered, not closed: a refused connection is closed without a byte
    await waitFor(() => again.data().length > 0, { timeoutMs: 10_000 });
    expect(again.socket.destroyed).toBe(false);
    expect(again.data()).toMatch(/^HTTP\/1\.1 /);

    for (const c of [...held.slice(1), again]) c.socket.destroy();
  });
});
