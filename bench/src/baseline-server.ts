import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import Fastify from 'fastify';
import { connect as natsConnect } from 'nats';
import { WebSocket, WebSocketServer } from 'ws';

import { natsConnectionOptions, splitServers } from '@im/platform';

/**
 * The bench's baselines, each a process of its own (forked by main.ts with the kind as
 * argument): a bare `ws` server that broadcasts a frame to every connection, a Fastify route
 * answering `openim/sendmsg` with the same envelope as api-gateway, and a raw NATS echo
 * responder. Reports `{ type: 'ready', port }` over IPC.
 */
type Command = { cmd: 'broadcast'; frame: string; id: number } | { cmd: 'exit'; id: number };

const kind = process.argv[2];
const send = (msg: object) => process.send?.(msg);

async function main(): Promise<void> {
  if (kind === 'ws') {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    process.on('message', (msg: Command) => {
      if (msg.cmd === 'broadcast') {
        const started = performance.now();
        for (const client of wss.clients)
          if (client.readyState === WebSocket.OPEN) client.send(msg.frame);
        send({ id: msg.id, sendLoopMs: performance.now() - started, clients: wss.clients.size });
      } else process.exit(0);
    });
    send({ type: 'ready', port: (wss.address() as AddressInfo).port });
  } else if (kind === 'fastify') {
    const app = Fastify({ logger: false });
    app.post('/v4/openim/sendmsg', (req) => {
      const body = req.body as { MsgRandom?: number };
      return {
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        MsgTime: Math.floor(Date.now() / 1000),
        MsgKey: `${body.MsgRandom ?? 0}_${randomUUID().slice(0, 8)}`,
      };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    process.on('message', () => process.exit(0));
    send({ type: 'ready', port: (app.server.address() as AddressInfo).port });
  } else if (kind === 'nats-echo') {
    const nc = await natsConnect({
      ...natsConnectionOptions(splitServers(process.argv[3])),
      name: 'bench-echo',
    });
    const sub = nc.subscribe('bench.echo', { queue: 'bench-echo' });
    void (async () => {
      for await (const m of sub) m.respond(m.data);
    })();
    await nc.flush();
    process.on('message', () => process.exit(0));
    send({ type: 'ready', port: 0 });
  } else throw new Error(`unknown baseline ${kind}`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
process.on('disconnect', () => process.exit(0));
