import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import WebSocket, { WebSocketServer } from 'ws';

import {
  boundDeflateOffer,
  deflateOptions,
  DeflatePolicy,
  releaseZlibStreams,
} from './deflate.util';

/** What `ws` keeps of a connection's compression (private fields, checked on purpose). */
type Extension = { _deflate: unknown; _inflate: unknown; params: Record<string, unknown> };

describe('deflate.util', () => {
  let http: Server;
  let wss: WebSocketServer;
  let url: string;
  const serverSockets: WebSocket[] = [];
  const clients: WebSocket[] = [];

  beforeAll(async () => {
    releaseZlibStreams();
    wss = new WebSocketServer({ noServer: true, perMessageDeflate: deflateOptions() });
    wss.on('connection', (ws: WebSocket) => {
      serverSockets.push(ws);
      // echo: the answer to a big frame is big (compressed), to a small one small
      ws.on('message', (data: Buffer) => ws.send(data.toString()));
    });
    http = createServer();
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      boundDeflateOffer(req);
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const c of clients) c.terminate();
    wss.close();
    await new Promise((resolve) => http.close(resolve));
  });

  const connect = async (headers: Record<string, string> = {}, deflate = true) => {
    const ws = new WebSocket(url, { perMessageDeflate: deflate, headers });
    clients.push(ws);
    let answered = '';
    ws.once('upgrade', (res: IncomingMessage) => {
      answered = String(res.headers['sec-websocket-extensions'] ?? '');
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return { ws, server: serverSockets[serverSockets.length - 1], answered };
  };
  const roundTrip = (ws: WebSocket, text: string) =>
    new Promise<string>((resolve) => {
      ws.once('message', (data: Buffer) => resolve(data.toString()));
      ws.send(text);
    });
  const extensionOf = (ws: WebSocket) =>
    (ws as unknown as { _extensions: Record<string, Extension> })._extensions['permessage-deflate'];

  it('negotiates small windows and no context takeover both ways', async () => {
    const { answered } = await connect();

    expect(answered.split(/;\s*/).sort()).toEqual([
      `client_max_window_bits=${DeflatePolicy.windowBits}`,
      'client_no_context_takeover',
      'permessage-deflate',
      `server_max_window_bits=${DeflatePolicy.windowBits}`,
      'server_no_context_takeover',
    ]);
  });

  it('keeps no zlib stream on the server once a compressed frame each way is done', async () => {
    const { ws, server } = await connect();
    const big = JSON.stringify({ op: 'ping', pad: 'x'.repeat(8000) });

    expect(await roundTrip(ws, big)).toBe(big);
    expect(await roundTrip(ws, big)).toBe(big);

    const ext = extensionOf(server);
    expect(ext.params.server_max_window_bits).toBe(DeflatePolicy.windowBits);
    expect({ deflate: ext._deflate, inflate: ext._inflate }).toEqual({
      deflate: null,
      inflate: null,
    });
  });

  it('accepts an offer that cannot bound the client window uncompressed, never refused', async () => {
    const { ws, answered } = await connect(
      { 'Sec-WebSocket-Extensions': 'permessage-deflate' },
      false,
    );

    expect(answered).toBe('');
    expect(await roundTrip(ws, 'x'.repeat(3000))).toHaveLength(3000);
  });

  it('accepts an offer asking for windows smaller than the policy uncompressed', async () => {
    const { answered } = await connect(
      { 'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits=9' },
      false,
    );

    expect(answered).toBe('');
  });
});
