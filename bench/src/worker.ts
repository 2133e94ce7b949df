import http from 'node:http';
import { performance } from 'node:perf_hooks';

import { connect as natsConnect, NatsConnection } from 'nats';
import WebSocket from 'ws';

import { GroupRpc } from '@im/contracts';
import type { ChatMessage } from '@im/contracts';
import { createLogger, NatsBus, natsConnectionOptions, splitServers } from '@im/platform';
import { ImChat, ImClient, ImError, isBusy, jittered, retryDelayMs } from '@im/sdk';
import type { SocketLike } from '@im/sdk';
import { signUserSig } from '@im/usersig';

import type {
  CollectReply,
  ConnectReply,
  LoadReply,
  PeekReply,
  RestoreReply,
  SendReply,
  WorkerCommand,
  WorkerReply,
  WorkerRequest,
  WsCollectReply,
} from './protocol';
import { BUSY_CODE } from './load-curve';
import { benchBody, MESSAGE_PREFIX } from './worker-body';

/**
 * A load-generator process of the bench (forked by main.ts): SDK clients (ImClient + ImChat over
 * `ws`), bare WebSocket clients, NATS and HTTP request loops. It holds at most ~19k sockets (the
 * 20,000 file descriptor limit), so the orchestrator spreads clients over several of these.
 * Every loop is bounded by a count and a deadline.
 */

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Latencies kept per tag at most (memory bound). */
const MAX_SAMPLES = 2_000_000;

function parseBody(m: ChatMessage): { tag: string; sentAt: number } | undefined {
  const text = m.body[0]?.MsgContent.Text;
  if (typeof text !== 'string' || !text.startsWith(MESSAGE_PREFIX)) return undefined;
  const [, tag, sentAt] = text.split('|');
  return { tag, sentAt: Number(sentAt) };
}

interface TagRecord {
  received: number;
  latencies: number[];
  messages: Map<string, [number, number, number, number]>;
  firstAt: number;
  lastAt: number;
  frame?: string;
}

/** A socket that never opens: a client "offline" while the gate is closed. */
class HeldSocket implements SocketLike {
  readonly readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(): void {}
  close(): void {
    this.release();
  }
  release(): void {
    this.onerror?.(new Error('held'));
  }
}

interface SdkDevice {
  userId: string;
  client: ImClient;
  chat: ImChat;
  /** Bench messages of the storm tag received since the drop. */
  missedReceived: number;
  reconnectedAt: number;
  doneAt: number;
  error?: string;
  lastError?: string;
  /** Close code of the last connection that ended. */
  lastClose?: number;
}

class Worker {
  private devices: SdkDevice[] = [];
  private readonly tags = new Map<string, TagRecord>();
  private gated = false;
  /** Requests of the SDK clients by command, counted while `counting` (a restore). */
  private requestCounts: Record<string, number> = {};
  private counting = false;
  private held: HeldSocket[] = [];
  private stormTag?: string;
  private stormExpected = 0;
  private wsClients: WebSocket[] = [];
  private ws = { received: 0, firstAt: 0, lastAt: 0 };

  async handle(command: WorkerCommand): Promise<unknown> {
    switch (command.cmd) {
      case 'sdk-connect':
        return this.sdkConnect(command);
      case 'sdk-join-room':
        return this.joinRoom(command);
      case 'sdk-send':
        return this.send(command);
      case 'collect':
        return this.collect(command.tag);
      case 'peek':
        return this.peek();
      case 'sdk-drop':
        return this.drop();
      case 'sdk-restore':
        return this.restore(command);
      case 'sdk-close':
        return this.closeSdk();
      case 'ws-connect':
        return this.wsConnect(command);
      case 'ws-collect':
        return this.wsCollect();
      case 'ws-close':
        for (const s of this.wsClients) s.terminate();
        this.wsClients = [];
        return {};
      case 'nats-load':
        return this.natsLoad(command);
      case 'http-load':
        return this.httpLoad(command);
      case 'room-members':
        return this.roomMembers(command);
      case 'exit':
        setImmediate(() => process.exit(0));
        return {};
    }
  }

  private record(tag: string): TagRecord {
    let rec = this.tags.get(tag);
    if (!rec) {
      rec = { received: 0, latencies: [], messages: new Map(), firstAt: 0, lastAt: 0 };
      this.tags.set(tag, rec);
    }
    return rec;
  }

  private onMessage(device: SdkDevice, m: ChatMessage): void {
    const t = now();
    const parsed = parseBody(m);
    if (!parsed) return;
    const rec = this.record(parsed.tag);
    rec.received++;
    if (rec.latencies.length < MAX_SAMPLES) rec.latencies.push(t - parsed.sentAt);
    if (!rec.firstAt) rec.firstAt = t;
    rec.lastAt = t;
    const key = `${m.convId}:${m.seq}`;
    const msg = rec.messages.get(key);
    if (msg) {
      msg[1]++;
      msg[3] = t;
    } else rec.messages.set(key, [parsed.sentAt, 1, t, t]);
    if (parsed.tag === this.stormTag) {
      device.missedReceived++;
      if (device.missedReceived === this.stormExpected) device.doneAt = t;
    }
  }

  private async sdkConnect(
    c: Extract<WorkerCommand, { cmd: 'sdk-connect' }>,
  ): Promise<ConnectReply> {
    const started = now();
    const deadline = Date.now() + c.timeoutMs;
    let connected = 0;
    let failed = 0;
    let firstError: string | undefined;
    let next = 0;
    const openDevice = (index: number): SdkDevice => {
      const userId = c.userIds[index];
      const url = c.urls[index % c.urls.length];
      const client = new ImClient({
        url: [url, ...c.urls.filter((u) => u !== url)],
        sdkAppId: c.sdkAppId,
        ...(c.guest
          ? { guest: true }
          : {
              userId,
              userSig: signUserSig({
                sdkAppId: c.sdkAppId,
                secretKey: c.secretKey,
                identifier: userId,
                expireSeconds: 86_400,
              }),
            }),
        platform: 'Web',
        requestTimeoutMs: 30_000,
        reconnectDelayMs: c.fastReconnect ? { initial: 5, max: 2000 } : { initial: 500, max: 5000 },
        // Plain sockets for the bench: no compression context per connection.
        socketFactory: (u) => {
          if (this.gated) {
            const socket = new HeldSocket();
            this.held.push(socket);
            return socket;
          }
          return new WebSocket(u, { perMessageDeflate: false }) as unknown as SocketLike;
        },
      });
      const request = client.request.bind(client);
      client.request = ((cmd: string, ...rest: unknown[]) => {
        if (this.counting) this.requestCounts[cmd] = (this.requestCounts[cmd] ?? 0) + 1;
        return (request as (...args: unknown[]) => unknown)(cmd, ...rest);
      }) as typeof client.request;
      const chat = new ImChat(client, {
        catchUp: 'none',
        syncIntervalMs: c.syncIntervalMs ?? 0,
        ...(c.sendRetries !== undefined ? { sendRetries: c.sendRetries } : {}),
        ...(c.syncWithMessages !== undefined ? { syncWithMessages: c.syncWithMessages } : {}),
      });
      const device: SdkDevice = {
        userId,
        client,
        chat,
        missedReceived: 0,
        reconnectedAt: 0,
        doneAt: 0,
      };
      chat.on('message', (m) => this.onMessage(device, m));
      chat.on('error', (err) => {
        device.error ??= err.message;
        device.lastError = err.message;
      });
      client.on('push', (_cmd, data) => {
        if (this.tags.get('room')?.frame !== undefined) return;
        const text = JSON.stringify({ op: 'push', cmd: _cmd, data });
        if (text.includes(`${MESSAGE_PREFIX}room|`)) this.record('room').frame = text;
      });
      client.on('disconnected', (code) => {
        device.lastClose = code;
      });
      client.on('reconnected', () => {
        device.reconnectedAt = now();
      });
      return device;
    };
    // As an app would: a login that failed or timed out is tried again on a new client, until
    // the deadline (under a 10,000-client login wave some attempts meet busy answers or cuts).
    const connectOne = async (index: number) => {
      for (let attempt = 1; ; attempt++) {
        const device = openDevice(index);
        try {
          await device.client.connect();
          this.devices.push(device);
          return;
        } catch (err) {
          await device.chat.close().catch(() => undefined);
          // A refused login (bad UserSig) does not get better; a busy answer, a timeout or a
          // cut connection may.
          const refused = err instanceof ImError && err.code > 0 && !isBusy(err);
          const backoffMs = retryDelayMs(err, Math.min(5000, 200 * 2 ** attempt));
          if (refused || Date.now() + backoffMs > deadline) throw err;
          await sleep(jittered(backoffMs));
        }
      }
    };
    await Promise.all(
      Array.from({ length: c.concurrency }, async () => {
        while (next < c.userIds.length && Date.now() < deadline) {
          const i = next++;
          try {
            await connectOne(i);
            connected++;
          } catch (err) {
            failed++;
            firstError ??= (err as Error).message;
          }
        }
      }),
    );
    failed += c.userIds.length - next;
    // Let every first sync finish before load starts.
    await Promise.race([
      Promise.all(this.devices.map((d) => d.chat.whenSynced().catch(() => undefined))),
      sleep(Math.max(1000, deadline - Date.now())),
    ]);
    return { connected, failed, firstError, ms: now() - started };
  }

  private async joinRoom(
    c: Extract<WorkerCommand, { cmd: 'sdk-join-room' }>,
  ): Promise<ConnectReply> {
    const started = now();
    const deadline = Date.now() + c.timeoutMs;
    let connected = 0;
    let failed = 0;
    let firstError: string | undefined;
    let next = 0;
    await Promise.all(
      Array.from({ length: c.concurrency }, async () => {
        while (next < this.devices.length && Date.now() < deadline) {
          const device = this.devices[next++];
          try {
            await device.chat.joinRoom(c.groupId);
            connected++;
          } catch (err) {
            failed++;
            firstError ??= (err as Error).message;
          }
        }
      }),
    );
    return { connected, failed, firstError, ms: now() - started };
  }

  private async send(c: Extract<WorkerCommand, { cmd: 'sdk-send' }>): Promise<SendReply> {
    const startedAt = now();
    const deadline = startedAt + c.durationMs;
    const reply: SendReply = {
      sent: 0,
      acked: 0,
      failed: 0,
      startedAt,
      endedAt: 0,
      ackLatencies: [],
      lastAckAt: 0,
      errorCodes: {},
      busyLatencies: [],
    };
    const sendOne = async (target: { client: number; to: string }) => {
      const device = this.devices[target.client];
      if (!device) return;
      reply.sent++;
      const sentAt = now();
      const body = benchBody(c.tag, sentAt);
      try {
        await (c.kind === 'c2c'
          ? device.chat.sendC2C(target.to, body)
          : device.chat.sendGroup(target.to, body));
        const answeredAt = now();
        reply.acked++;
        reply.lastAckAt = answeredAt;
        if (reply.ackLatencies.length < MAX_SAMPLES) reply.ackLatencies.push(answeredAt - sentAt);
      } catch (err) {
        const code = err instanceof ImError ? String(err.code) : '?';
        reply.failed++;
        reply.firstError ??= (err as Error).message;
        reply.errorCodes[code] = (reply.errorCodes[code] ?? 0) + 1;
        if (code === String(BUSY_CODE) && reply.busyLatencies.length < MAX_SAMPLES)
          reply.busyLatencies.push(now() - sentAt);
      }
    };
    if (c.mode === 'closed') {
      // `window` loops, each taking the next sender in turn: every sender gets turns and at
      // most `window` sends are in flight.
      const window = Math.min(c.window ?? c.targets.length, c.targets.length);
      let turn = 0;
      await Promise.all(
        Array.from({ length: window }, async (_, loop) => {
          let target = c.targets[loop];
          while (now() < deadline && reply.sent < c.maxCount) {
            await sendOne(target);
            target = c.targets[(window + turn++) % c.targets.length];
          }
        }),
      );
    } else {
      const rate = c.ratePerSec ?? 100;
      const inFlight = new Set<Promise<void>>();
      let turn = 0;
      while (now() < deadline && reply.sent < c.maxCount) {
        const due = Math.min(c.maxCount, Math.floor(((now() - startedAt) * rate) / 1000));
        while (reply.sent < due) {
          const p = sendOne(c.targets[turn++ % c.targets.length]);
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
        }
        await sleep(2);
      }
      await Promise.race([Promise.all(inFlight), sleep(30_000)]);
    }
    reply.endedAt = now();
    return reply;
  }

  private collect(tag: string): CollectReply {
    const rec = this.record(tag);
    this.tags.delete(tag);
    return {
      received: rec.received,
      latencies: rec.latencies,
      messages: [...rec.messages.entries()].map(([key, v]) => [key, ...v]),
      firstAt: rec.firstAt,
      lastAt: rec.lastAt,
      frame: rec.frame,
    };
  }

  private peek(): PeekReply {
    const tags: Record<string, number> = {};
    for (const [tag, rec] of this.tags) tags[tag] = rec.received;
    return { tags, ws: this.ws.received };
  }

  /** Every client loses its connection; reconnects are held until `restore`. */
  private async drop(): Promise<{ dropped: number }> {
    this.gated = true;
    for (const d of this.devices) {
      d.missedReceived = 0;
      d.doneAt = 0;
      d.reconnectedAt = 0;
      d.error = undefined;
      d.lastError = undefined;
      d.client.reconnect();
    }
    const deadline = Date.now() + 30_000;
    while (this.held.length < this.devices.length && Date.now() < deadline) await sleep(20);
    return { dropped: this.held.length };
  }

  private async restore(c: Extract<WorkerCommand, { cmd: 'sdk-restore' }>): Promise<RestoreReply> {
    this.stormTag = c.tag;
    this.stormExpected = c.expected;
    this.gated = false;
    this.requestCounts = {};
    this.counting = true;
    const held = this.held;
    this.held = [];
    for (const socket of held) socket.release();
    const deadline = Date.now() + c.timeoutMs;
    const synced = () => this.devices.filter((d) => d.missedReceived >= c.expected).length;
    while (synced() < this.devices.length && Date.now() < deadline) await sleep(50);
    this.counting = false;
    return {
      requests: { ...this.requestCounts },
      clients: this.devices.length,
      synced: synced(),
      doneAt: this.devices.filter((d) => d.doneAt).map((d) => d.doneAt),
      reconnectedAt: this.devices.filter((d) => d.reconnectedAt).map((d) => d.reconnectedAt),
      withErrors: this.devices.filter((d) => d.error).length,
      firstError: this.devices.find((d) => d.error)?.error,
      notInSync: countBy(
        this.devices.filter((d) => d.missedReceived < c.expected),
        (d) =>
          `${d.client.state} (last close ${d.lastClose ?? '—'}), ${d.missedReceived === 0 ? 'none' : 'some'} of the missed messages, ` +
          `last error: ${d.lastError ?? 'none'}`,
      ),
    };
  }

  private async closeSdk(): Promise<{ closed: number }> {
    const devices = this.devices;
    this.devices = [];
    let next = 0;
    await Promise.race([
      Promise.all(
        Array.from({ length: 100 }, async () => {
          while (next < devices.length) await devices[next++].chat.close().catch(() => undefined);
        }),
      ),
      sleep(60_000),
    ]);
    return { closed: devices.length };
  }

  private async wsConnect(c: Extract<WorkerCommand, { cmd: 'ws-connect' }>): Promise<ConnectReply> {
    const started = now();
    const deadline = Date.now() + c.timeoutMs;
    let connected = 0;
    let failed = 0;
    let firstError: string | undefined;
    let next = 0;
    const onFrame = () => {
      const t = now();
      this.ws.received++;
      if (!this.ws.firstAt) this.ws.firstAt = t;
      this.ws.lastAt = t;
    };
    await Promise.all(
      Array.from({ length: c.concurrency }, async () => {
        while (next < c.count && Date.now() < deadline) {
          next++;
          try {
            const socket = new WebSocket(c.url, { perMessageDeflate: false });
            await new Promise<void>((resolve, reject) => {
              socket.once('open', () => resolve());
              socket.once('error', reject);
            });
            socket.on('message', onFrame);
            socket.on('error', () => undefined);
            this.wsClients.push(socket);
            connected++;
          } catch (err) {
            failed++;
            firstError ??= (err as Error).message;
          }
        }
      }),
    );
    return { connected, failed: failed + c.count - next, firstError, ms: now() - started };
  }

  private wsCollect(): WsCollectReply {
    const out = { ...this.ws };
    this.ws = { received: 0, firstAt: 0, lastAt: 0 };
    return out;
  }

  private async natsLoad(c: Extract<WorkerCommand, { cmd: 'nats-load' }>): Promise<LoadReply> {
    const nc: NatsConnection = await natsConnect({
      ...natsConnectionOptions(splitServers(c.url)),
      name: 'bench-load',
    });
    const payload = new TextEncoder().encode(c.payload);
    const reply: LoadReply = { count: 0, errors: 0, startedAt: now(), endedAt: 0, latencies: [] };
    const deadline = reply.startedAt + c.durationMs;
    let issued = 0;
    const one = async () => {
      issued++;
      const t = now();
      try {
        await nc.request(c.subject, payload, { timeout: 10_000 });
        reply.count++;
        if (reply.latencies.length < MAX_SAMPLES) reply.latencies.push(now() - t);
      } catch (err) {
        reply.errors++;
        reply.firstError ??= (err as Error).message;
      }
    };
    if (c.mode === 'closed') {
      await Promise.all(
        Array.from({ length: c.concurrency }, async () => {
          while (now() < deadline && issued < c.maxCount) await one();
        }),
      );
    } else {
      const rate = c.ratePerSec ?? 100;
      const inFlight = new Set<Promise<void>>();
      while (now() < deadline && issued < c.maxCount) {
        const due = Math.min(c.maxCount, Math.floor(((now() - reply.startedAt) * rate) / 1000));
        while (issued < due) {
          const p = one();
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
        }
        await sleep(2);
      }
      await Promise.all(inFlight);
    }
    reply.endedAt = now();
    await nc.close();
    return reply;
  }

  private async httpLoad(c: Extract<WorkerCommand, { cmd: 'http-load' }>): Promise<LoadReply> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: c.connections });
    const reply: LoadReply = { count: 0, errors: 0, startedAt: now(), endedAt: 0, latencies: [] };
    const deadline = reply.startedAt + c.durationMs;
    let issued = 0;
    const base = Math.floor(Math.random() * 1e9);
    const post = (body: string, random: number) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(
          `${c.url}&random=${random}`,
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
            timeout: 10_000,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
            );
            res.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
        req.end(body);
      });
    await Promise.all(
      Array.from({ length: c.connections }, async () => {
        while (now() < deadline && issued < c.maxCount) {
          const i = issued++;
          const random = (base + i) % 0xffffffff;
          const body = JSON.stringify({
            SyncOtherMachine: 2,
            To_Account: c.toAccounts[i % c.toAccounts.length],
            MsgRandom: random,
            MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'bench payload 0123456789' } }],
          });
          const t = now();
          try {
            const res = await post(body, random);
            const ok = res.status === 200 && res.text.includes('"ActionStatus":"OK"');
            if (ok) {
              reply.count++;
              if (reply.latencies.length < MAX_SAMPLES) reply.latencies.push(now() - t);
            } else {
              reply.errors++;
              reply.firstError ??= `${res.status} ${res.text.slice(0, 200)}`;
            }
          } catch (err) {
            reply.errors++;
            reply.firstError ??= (err as Error).message;
          }
        }
      }),
    );
    reply.endedAt = now();
    agent.destroy();
    return reply;
  }

  private async roomMembers(
    c: Extract<WorkerCommand, { cmd: 'room-members' }>,
  ): Promise<LoadReply> {
    const bus = new NatsBus({
      servers: [c.natsUrl],
      name: `bench-rooms-${process.pid}`,
      requestTimeoutMs: 30_000,
      logger: createLogger('bench', 'rooms', 'silent'),
    });
    await bus.connect();
    const reply: LoadReply = { count: 0, errors: 0, startedAt: now(), endedAt: 0, latencies: [] };
    const deadline = Date.now() + c.timeoutMs;
    let next = 0;
    await Promise.all(
      Array.from({ length: c.window }, async () => {
        while (next < c.userIds.length && Date.now() < deadline) {
          const userId = c.userIds[next++];
          const context = { sdkAppId: c.sdkAppId, callerId: userId, role: 'user' as const };
          const t = now();
          try {
            if (c.action === 'join')
              await bus.request(GroupRpc.ApplyJoin, { groupId: c.groupId }, { context });
            else await bus.request(GroupRpc.Quit, { groupId: c.groupId }, { context });
            reply.count++;
            reply.latencies.push(now() - t);
          } catch (err) {
            reply.errors++;
            reply.firstError ??= (err as Error).message;
          }
        }
      }),
    );
    reply.endedAt = now();
    await bus.close();
    return reply;
  }
}

const worker = new Worker();
const reply = (r: WorkerReply) => process.send?.(r);
process.on('message', (msg: WorkerRequest) => {
  worker.handle(msg).then(
    (data) => reply({ id: msg.id, ok: true, data }),
    (err: Error) => reply({ id: msg.id, ok: false, error: err.stack ?? err.message }),
  );
});
process.on('disconnect', () => process.exit(0));

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
