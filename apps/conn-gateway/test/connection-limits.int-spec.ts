import { connect as tcpConnect } from 'node:net';

import WebSocket from 'ws';

import { AppReply, CloseCodes, ErrorCode } from '@im/contracts';
import { waitFor } from '@im/testing';

import { GatewayHarness, RawSocket } from './conn-gateway.harness';

/**
 * Per-address caps (docs/protocol.md §9): a client address holds at most
 * CONN_GATEWAY_MAX_CONNECTIONS_PER_IP sockets (more get HTTP 429 at the upgrade) and at most
 * CONN_GATEWAY_MAX_GUESTS_PER_IP guest sessions (more answer 60018 and close 4005); a slot is
 * free again once its connection closes. Every client here comes from 127.0.0.1.
 */
describe('conn-gateway per-address caps', () => {
  let h: GatewayHarness;
  let app: AppReply;
  const open: WebSocket[] = [];

  beforeAll(async () => {
    h = await GatewayHarness.start({
      CONN_GATEWAY_MAX_CONNECTIONS_PER_IP: '4',
      CONN_GATEWAY_MAX_GUESTS_PER_IP: '2',
    });
    app = await h.apps.create({ name: 'caps' });
  });

  afterAll(async () => {
    for (const ws of open) ws.terminate();
    await h?.stop();
  });

  /** Opens a socket: the socket once open, or the HTTP status the upgrade was refused with. */
  const connect = () =>
    new Promise<RawSocket | number>((resolve, reject) => {
      const ws = new WebSocket(h.wsUrl);
      open.push(ws);
      const raw = new RawSocket(ws);
      ws.once('open', () => resolve(raw));
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('error', reject);
    });
  const opened = async () => {
    const s = await connect();
    if (typeof s === 'number') throw new Error(`refused with HTTP ${s}`);
    return s;
  };
  const guestLogin = (s: RawSocket) =>
    s.request('login', { sdkAppId: app.sdkAppId, guest: true, platform: 'Web' });
  const closeAll = async (sockets: RawSocket[]) => {
    for (const s of sockets) s.socket.close();
    await Promise.all(sockets.map((s) => s.closed()));
  };

  it('refuses a guest session beyond the cap of its address with 60018 and close 4005, until one ends', async () => {
    const first = await opened();
    const second = await opened();
    const third = await opened();

    expect((await guestLogin(first)).code).toBe(0);
    expect((await guestLogin(second)).code).toBe(0);
    expect((await guestLogin(third)).code).toBe(ErrorCode.TooManyRequests);
    expect(await third.closed()).toBe(CloseCodes.TooManyConnections);

    await closeAll([first]);
    // the gateway frees the slot once it has seen the close
    const again = await waitFor(
      async () => {
        const s = await opened();
        const res = await guestLogin(s);
        if (res.code === 0) return s;
        await s.closed();
        return null;
      },
      { timeoutMs: 5000 },
    );
    await closeAll([second, again]);
  });

  it('refuses a connection beyond the cap of its address with HTTP 429, until one closes', async () => {
    const sockets = [await opened(), await opened(), await opened(), await opened()];

    expect(await connect()).toBe(429);
    // a logged-in user counts like any other connection
    const login = await sockets[0].request('login', {
      sdkAppId: app.sdkAppId,
      userId: 'capped',
      userSig: h.userSig(app, 'capped'),
      platform: 'Web',
    });
    expect(login.code).toBe(0);
    expect(await connect()).toBe(429);

    await closeAll([sockets[0]]);
    const fifth = await waitFor(async () => {
      const s = await connect();
      return typeof s === 'number' ? null : s;
    });
    expect(fifth).toBeInstanceOf(RawSocket);
    await closeAll([...sockets.slice(1), fifth]);
  });

  it('stays up when clients it refuses reset their connection at once', async () => {
    const sockets = [await opened(), await opened(), await opened(), await opened()];
    const { hostname, port } = new URL(h.wsUrl);
    // Upgrades refused with 429 (at the cap) and 404 (wrong path), each client resetting
    // (TCP RST) as soon as it has sent its request: the refusal then meets a reset socket.
    const resetting = (path: string) =>
      new Promise<void>((resolve) => {
        const tcp = tcpConnect(Number(port), hostname, () => {
          tcp.write(
            `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\n` +
              'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
              'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
            () => tcp.resetAndDestroy(),
          );
        });
        tcp.on('error', () => undefined);
        tcp.on('close', () => resolve());
      });
    for (let round = 0; round < 10; round++)
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => resetting(i % 2 ? '/ws' : '/elsewhere')),
      );

    // still serving: a freed slot is taken again and its user logs in
    await closeAll([sockets[0]]);
    const next = await waitFor(async () => {
      const s = await connect();
      return typeof s === 'number' ? null : s;
    });
    const login = await next.request('login', {
      sdkAppId: app.sdkAppId,
      userId: 'after-resets',
      userSig: h.userSig(app, 'after-resets'),
      platform: 'Web',
    });
    expect(login.code).toBe(0);
    await closeAll([...sockets.slice(1), next]);
  });
});
