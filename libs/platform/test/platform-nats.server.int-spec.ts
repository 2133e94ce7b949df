import { rmSync } from 'node:fs';

import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { connect, headers as natsHeaders, NatsConnection } from 'nats';

import { TransportHeaders } from '@im/contracts';
import { createTempDir, ServerHandle, startNatsServer, waitFor } from '@im/testing';

import {
  AdmissionLimits,
  DEADLINE_GRACE_MS,
  DropReason,
  PlatformNatsServer,
} from '../src/nats/platform-nats.server';
import { natsConnectionOptions } from '../src/nats/nats-url';

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
    server = new PlatformNatsServer(
      { ...natsConnectionOptions([nats.url]), name: 'admission-test', queue: 'admission-test' },
      limits,
    );
    server.onDropped = (subject, reason) => dropped.push([subject, reason]);
    app = await NestFactory.createMicroservice(SlowModule, { strategy: server, logger: false });
    await app.listen();
  };

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
        (m) => (JSON.parse(decoder.decode(m.data)) as { response: { id: string } }).response.id,
        () => 'no answer',
      );
  };

  it('works on maxInFlight at once, lets the others wait in order, drops the late ones and the oldest when full', async () => {
    await serve({ maxInFlight: 2, maxQueued: 2, lifoAfterMs: 60_000 });
    const a = ask('a', 20_000);
    const b = ask('b', 20_000);
    await waitFor(() => started.length === 2);
    // Two wait: `late` gives up before its turn comes, `c` does not.
    const lateDeadline = Date.now() + 300;
    const late = ask('late', 300);
    const c = ask('c', 20_000);
    await waitFor(() => server.load.waiting === 2);
    await waitFor(() => Date.now() > lateDeadline + DEADLINE_GRACE_MS + 50); // `late` gave up
    // `a` ends: `late` is dropped unprocessed, `c` goes.
    gates.get('a')!();
    await waitFor(() => started.includes('c'));
    expect(dropped).toEqual([[SUBJECT, 'expired']]);
    // The queue fills (`d`, `e`); `f` comes on top: the longest waiting one (`d`) is dropped.
    const d = ask('d', 500);
    const e = ask('e', 20_000);
    await waitFor(() => server.load.waiting === 2);
    const f = ask('f', 20_000);
    await waitFor(() => dropped.length === 2);
    expect(dropped[1]).toEqual([SUBJECT, 'shed']);
    expect(server.load).toEqual({ active: 2, waiting: 2 });

    gates.get('b')!();
    await waitFor(() => started.includes('e'));
    gates.get('c')!();
    await waitFor(() => started.includes('f'));
    gates.get('e')!();
    gates.get('f')!();

    expect(await Promise.all([a, b, c, late, d, e, f])).toEqual([
      'a',
      'b',
      'c',
      'no answer',
      'no answer',
      'e',
      'f',
    ]);
    expect(started).toEqual(['a', 'b', 'c', 'e', 'f']);
    await waitFor(() => server.load.active === 0);
    expect(server.load).toEqual({ active: 0, waiting: 0 });
  });

  it('takes the newest first once the longest-waiting one has waited past lifoAfterMs', async () => {
    await serve({ maxInFlight: 1, maxQueued: 10, lifoAfterMs: 100 });
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
});
