import { rmSync } from 'node:fs';

import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { connect, headers as natsHeaders, NatsConnection } from 'nats';

import { ErrorCode, RemoteError, TransportHeaders } from '@im/contracts';
import type { RpcSubject } from '@im/contracts';
import { createTempDir, ServerHandle, startNatsServer, waitFor } from '@im/testing';

import {
  AdmissionLimits,
  DEADLINE_GRACE_MS,
  DropReason,
  PlatformNatsServer,
} from '../src/nats/platform-nats.server';
import { RETRY_AFTER_MAX_MS, RETRY_AFTER_MIN_MS } from '../src/nats/admission.policy';
import { natsConnectionOptions } from '../src/nats/nats-url';
import { createLogger } from '../src/logging/logger';
import { NatsBus } from '../src/nats/nats-bus';

const SUBJECT = 'admission-test.rpc.slow';

/** Requests that wait until the test lets them finish. */
const gates = new Map<string, () => void>();
const started: string[] = [];

@Controller()
class SlowController {
  @MessagePattern(SUBJECT)
  async slow(@Payload() data: { id: string }): Promise<{ id: string }> {
    started.push(data.id);
    await new Promise<void>((resolve) => gates.set(data.id, resolve));
    return { id: data.id };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

const decoder = new TextDecoder();

describe(`${PlatformNatsServer.name} admission`, () => {
  let dir: string;
  let nats: ServerHandle;
  let nc: NatsConnection;
  let app: INestMicroservice | undefined;
  let server: PlatformNatsServer;
  let dropped: [string, DropReason][];
  let busyAnswers: { code: number; retryAfterMs?: number }[];

  beforeAll(async () => {
    dir = await createTempDir();
    nats = await startNatsServer({ dataDir: dir, persistent: false });
    nc = await connect(natsConnectionOptions([nats.url]));
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const open of gates.values()) open();
    await app?.close();
    app = undefined;
  });

  const serve = async (limits: Partial<AdmissionLimits>) => {
    gates.clear();
    started.length = 0;
    dropped = [];
    busyAnswers = [];
    server = new PlatformNatsServer(
      { ...natsConnectionOptions([nats.url]), name: 'admission-test', queue: 'admission-test' },
      limits,
    );
    server.onDropped = (subject, reason) => dropped.push([subject, reason]);
    app = await NestFactory.createMicroservice(SlowModule, { strategy: server, logger: false });
    await app.listen();
  };

  /** A request with a deadline: its id when answered, `busy` when refused busy, or `no answer`. */
  const ask = (id: string, deadlineInMs: number) => {
    const h = natsHeaders();
    h.set(TransportHeaders.Deadline, String(Date.now() + deadlineInMs));
    return nc
      .request(
        SUBJECT,
        new TextEncoder().encode(JSON.stringify({ pattern: SUBJECT, data: { id }, id })),
        {
          timeout: deadlineInMs + 1000,
          headers: h,
        },
      )
      .then(
        (m) => {
          const reply = JSON.parse(decoder.decode(m.data)) as {
            response?: { id: string };
            err?: { code: number; retryAfterMs?: number };
          };
          if (!reply.err) return reply.response!.id;
          busyAnswers.push(reply.err);
          return reply.err.code === ErrorCode.TooManyRequests ? 'busy' : `error ${reply.err.code}`;
        },
        () => 'no answer',
      );
  };

  it('works on maxInFlight at once, lets the others wait in order, drops the late ones unanswered and answers busy at once when the queue is full', async () => {
    await serve({
      maxInFlight: 2,
      maxQueued: 2,
      lifoAfterMs: 60_000,
      maxWaitMs: 60_000,
      targetWaitMs: 60_000,
    });
    const a = ask('a', 20_000);
    const b = ask('b', 20_000);
    await waitFor(() => started.length === 2);
    // Two wait: `late` gives up before its turn comes, `c` does not.
    const lateDeadline = Date.now() + 300;
    const late = ask('late', 300);
    const c = ask('c', 20_000);
    await waitFor(() => server.load.waiting === 2);
    await waitFor(() => Date.now() > lateDeadline + DEADLINE_GRACE_MS + 50); // `late` gave up
    // `a` ends: `late` is dropped unprocessed (nobody listens), `c` goes.
    gates.get('a')!();
    await waitFor(() => started.includes('c'));
    expect(dropped).toEqual([[SUBJECT, 'expired']]);
    // The queue fills (`d`, `e`); `f` comes on top: it is answered busy at once.
    const d = ask('d', 20_000);
    const e = ask('e', 20_000);
    await waitFor(() => server.load.waiting === 2);
    expect(await ask('f', 20_000)).toBe('busy');
    expect(dropped[1]).toEqual([SUBJECT, 'busy']);
    expect(busyAnswers).toEqual([
      {
        code: ErrorCode.TooManyRequests,
        category: 'unavailable',
        message: expect.any(String),
        retryAfterMs: expect.any(Number),
      },
    ]);
    expect(server.load).toEqual({ active: 2, waiting: 2 });

    gates.get('b')!();
    await waitFor(() => started.includes('d'));
    gates.get('c')!();
    await waitFor(() => started.includes('e'));
    gates.get('d')!();
    gates.get('e')!();

    expect(await Promise.all([a, b, c, late, d, e])).toEqual([
      'a',
      'b',
      'c',
      'no answer',
      'd',
      'e',
    ]);
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    await waitFor(() => server.load.active === 0);
    expect(server.load).toEqual({ active: 0, waiting: 0 });
  });

  it('answers busy a request that waited maxWaitMs, while its requester still waits', async () => {
    await serve({ maxInFlight: 1, maxQueued: 10, maxWaitMs: 200 });
    const a = ask('a', 20_000);
    await waitFor(() => started.length === 1);
    // `a` holds the only turn; `b` waits, and is answered busy once it waited 200 ms
    expect(await ask('b', 20_000)).toBe('busy');
    expect(dropped).toEqual([[SUBJECT, 'busy']]);
    gates.get('a')!();
    expect(await a).toBe('a');
    expect(started).toEqual(['a']);
  });

  it('flooded beyond its limits: answers every request, busy at once or done, and loses none it took', async () => {
    await serve({ maxInFlight: 4, maxQueued: 8 });
    const ids = Array.from({ length: 200 }, (_, i) => `r${i}`);
    const answers = ids.map((id) => ask(id, 10_000));
    // the service works: every request that gets its turn ends as soon as the test sees it
    let settled = false;
    void Promise.all(answers).then(() => (settled = true));
    const opened = new Set<string>();
    while (!settled) {
      await waitFor(() => settled || started.some((id) => !opened.has(id)));
      for (const id of started)
        if (!opened.has(id)) {
          opened.add(id);
          gates.get(id)!();
        }
    }
    const results = await Promise.all(answers);
    const done = results.filter((r) => r !== 'busy');
    const busy = results.filter((r) => r === 'busy');
    // none left unanswered while its requester waited, none failed otherwise
    expect(results.filter((r) => r !== 'busy' && !ids.includes(r))).toEqual([]);
    // at most 4 + 8 were held at once: the rest of the burst was refused at once
    expect(busy.length).toBeGreaterThanOrEqual(200 - 12);
    expect(busy.length + done.length).toBe(200);
    // every request the service took was answered with its own reply, and only those
    expect([...done].sort()).toEqual([...started].sort());
    expect(done.length).toBeGreaterThanOrEqual(4);
    for (const err of busyAnswers) {
      expect(err.code).toBe(ErrorCode.TooManyRequests);
      expect(err.retryAfterMs).toBeGreaterThanOrEqual(RETRY_AFTER_MIN_MS);
      expect(err.retryAfterMs).toBeLessThanOrEqual(RETRY_AFTER_MAX_MS);
    }
    expect(dropped.filter(([, reason]) => reason === 'expired')).toEqual([]);
  });

  it('takes the newest first once the longest-waiting one has waited past lifoAfterMs', async () => {
    await serve({ maxInFlight: 1, maxQueued: 10, lifoAfterMs: 100, maxWaitMs: 60_000 });
    const a = ask('a', 20_000);
    await waitFor(() => started.length === 1);
    const waiting = ['b', 'c', 'd'].map((id) => ask(id, 20_000));
    await waitFor(() => server.load.waiting === 3);
    const queuedAt = Date.now();
    await waitFor(() => Date.now() > queuedAt + 150); // the queue has not drained
    gates.get('a')!();
    await waitFor(() => started.length === 2);
    // The newest goes first.
    expect(started).toEqual(['a', 'd']);
    const e = ask('e', 20_000);
    await waitFor(() => server.load.waiting === 3);
    gates.get('d')!();
    await waitFor(() => started.length === 3);
    expect(started[2]).toBe('e');
    for (const id of ['e', 'c', 'b']) {
      await waitFor(() => gates.has(id));
      gates.get(id)!();
    }
    expect(await Promise.all([a, ...waiting, e])).toEqual(['a', 'b', 'c', 'd', 'e']);
    // While b and c were past lifoAfterMs, each newer arrival went ahead of them.
    expect(started).toEqual(['a', 'd', 'e', 'c', 'b']);
    expect(dropped).toEqual([]);
  });

  describe(`${NatsBus.name} and the busy answer`, () => {
    let bus: NatsBus;
    const logger = createLogger('admission-test', 'admission-test', 'silent');
    const busAsk = (id: string) =>
      bus.request(SUBJECT as RpcSubject, { id }).then(
        (reply) => (reply as unknown as { id: string }).id,
        (err: unknown) => err,
      );

    afterEach(async () => {
      for (const open of gates.values()) open();
      await bus?.close();
    });

    it('turns a busy answer into a RemoteError with code 60018 and retryAfterMs', async () => {
      await serve({ maxInFlight: 1, maxQueued: 1, maxWaitMs: 60_000 });
      bus = new NatsBus({
        servers: [nats.url],
        name: 'bus-test',
        requestTimeoutMs: 20_000,
        logger,
      });
      await bus.connect();
      const a = busAsk('a');
      await waitFor(() => started.length === 1);
      const b = busAsk('b');
      await waitFor(() => server.load.waiting === 1);
      const refused = await busAsk('c');
      expect(refused).toBeInstanceOf(RemoteError);
      expect(refused).toMatchObject({
        code: ErrorCode.TooManyRequests,
        subject: SUBJECT,
        retryAfterMs: expect.any(Number),
      });
      gates.get('a')!();
      await waitFor(() => gates.has('b'));
      gates.get('b')!();
      expect([await a, await b]).toEqual(['a', 'b']);
    });

    it('refuses busy at once past maxPendingPerService outstanding to one service, and counts them down', async () => {
      await serve({ maxInFlight: 10, maxQueued: 10 });
      bus = new NatsBus({
        servers: [nats.url],
        name: 'bus-test',
        requestTimeoutMs: 20_000,
        maxPendingPerService: 2,
        logger,
      });
      await bus.connect();
      const a = busAsk('a');
      const b = busAsk('b');
      await waitFor(() => started.length === 2);
      expect(bus.pendingTo('admission-test')).toBe(2);
      const refused = await busAsk('c');
      expect(refused).toMatchObject({
        code: ErrorCode.TooManyRequests,
        retryAfterMs: expect.any(Number),
      });
      expect(started).toEqual(['a', 'b']); // `c` never left this process
      gates.get('a')!();
      expect(await a).toBe('a');
      expect(bus.pendingTo('admission-test')).toBe(1);
      const d = busAsk('d');
      await waitFor(() => gates.has('d'));
      gates.get('b')!();
      gates.get('d')!();
      expect([await b, await d]).toEqual(['b', 'd']);
      expect(bus.pendingTo('admission-test')).toBe(0);
    });
  });
});
