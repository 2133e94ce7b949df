import WebSocket from 'ws';

import { ImChat, ImClient } from '@im/sdk';
import type { SocketLike } from '@im/sdk';
import { signUserSig } from '@im/usersig';

/** What the parent sends to start a worker. */
export interface WorkerStart {
  type: 'start';
  index: number;
  urls: string[];
  sdkAppId: number;
  secretKey: string;
  groupId: string;
  /** Clients of this worker and the number of the first one (for user IDs). */
  count: number;
  offset: number;
  /** Share of the clients that log in as guests (the others as users). */
  guestShare: number;
  /** Connections being set up at once. */
  concurrency: number;
}

/** What a worker reports. */
export type WorkerReport =
  | { type: 'joined'; index: number; joined: number; failed: number; firstError?: string }
  | {
      type: 'round';
      index: number;
      seq: number;
      received: number;
      firstAt: number;
      lastAt: number;
    };

const send = (report: WorkerReport) => process.send?.(report);

async function withRetries<T>(attempt: () => Promise<T>, tries = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= tries) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** i * (0.5 + Math.random())));
    }
  }
}

/**
 * One client process of the live-room bench: `count` SDK clients (ImClient + ImChat), each on
 * its own WebSocket, spread over the gateways, all joined to one AVChatRoom. For every room
 * message it reports when its first and last client got it. A process holds at most ~19k
 * sockets (20,000 file descriptors), hence several of them.
 */
async function run(start: WorkerStart): Promise<void> {
  const chats: ImChat[] = [];
  const rounds = new Map<number, { received: number; firstAt: number; lastAt: number }>();
  const onMessage = (seq: number) => {
    const now = Date.now();
    let round = rounds.get(seq);
    if (!round) rounds.set(seq, (round = { received: 0, firstAt: now, lastAt: now }));
    round.received++;
    round.lastAt = now;
    if (round.received === chats.length) send({ type: 'round', index: start.index, seq, ...round });
  };

  let joined = 0;
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const connectOne = async (i: number) => {
    const n = start.offset + i;
    const guest = i < Math.round(start.count * start.guestShare);
    const userId = `viewer-${n}`;
    const client = new ImClient({
      url: start.urls[n % start.urls.length],
      sdkAppId: start.sdkAppId,
      ...(guest
        ? { guest: true }
        : {
            userId,
            userSig: signUserSig({
              sdkAppId: start.sdkAppId,
              secretKey: start.secretKey,
              identifier: userId,
              expireSeconds: 86_400,
            }),
          }),
      platform: 'Web',
      requestTimeoutMs: 60_000,
      // Plain sockets: no compression contexts for 10k connections.
      socketFactory: (url) =>
        new WebSocket(url, { perMessageDeflate: false }) as unknown as SocketLike,
    });
    const chat = new ImChat(client, { catchUp: 'none', syncIntervalMs: 0 });
    chat.on('message', (m) => onMessage(m.seq));
    // As an app would under load: retry a refused or timed-out connect/join with back-off.
    await withRetries(() => client.connect());
    await withRetries(() => chat.joinRoom(start.groupId));
    chats.push(chat);
  };
  const worker = async () => {
    while (next < start.count) {
      const i = next++;
      try {
        await connectOne(i);
        joined++;
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: start.concurrency }, worker));
  send({ type: 'joined', index: start.index, joined, failed, firstError });
}

process.on('message', (msg: WorkerStart | { type: 'stop' }) => {
  if (msg.type === 'start') {
    run(msg).catch((err: Error) => {
      process.stderr.write(`worker ${msg.index}: ${err.stack ?? err.message}\n`);
      process.exit(1);
    });
  } else if (msg.type === 'stop') {
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
