import { rmSync } from 'node:fs';

import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { connect, headers as natsHeaders, NatsConnection } from 'nats';

import { TransportHeaders } from '@im/contracts';
import { createTempDir, ServerHandle, startNatsServer, waitFor } from '@im/testing';

import {
  DEADLINE_GRACE_MS,
  DropReason,
  PlatformNatsServer,
} from '../src/nats/platform-nats.server';

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
  let app: INestMicroservice;
  let server: PlatformNatsServer;
  let nc: NatsConnection;
  const dropped: [string, DropReason][] = [];

  beforeAll(async () => {
    dir = await createTempDir();
    nats = await startNatsServer({ dataDir: dir, persistent: false });
    server = new PlatformNatsServer(
      { servers: [nats.url], name: 'admission-test', queue: 'admission-test' },
      { maxInFlight: 2, maxQueued: 2 },
    );
    server.onDropped = (subject, reason) => dropped.push([subject, reason]);
    app = await NestFactory.createMicroservice(SlowModule, { strategy: server, logger: false });
    await app.listen();
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    for (const open of gates.values()) open();
    await nc?.close();
    await app?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (id: string, deadlineInMs: number) => {
    const h = natsHeaders();
    h.set(TransportHeaders.Deadline, String(Date.now() + deadlineInMs));
    return nc
      .request(
        SUBJECT,
        new TextEncoder().encode(JSON.stringify({ pattern: SUBJECT, data: { id }, id })),
        {
          timeout: deadlineInMs + 2000,
          headers: h,
        },
      )
      .then(
        (m) => (JSON.parse(decoder.decode(m.data)) as { response: { id: string } }).response.id,
        () => 'no answer',
      );
  };

  it('works on maxInFlight at once, queues maxQueued in order, drops the rest and the late ones', async () => {
    const a = ask('a', 20_000);
    const b = ask('b', 20_000);
    await waitFor(() => started.length === 2);
    // Two wait: `late` gives up before its turn comes, `c` does not.
    const lateDeadline = Date.now() + 300;
    const late = ask('late', 300);
    const c = ask('c', 20_000);
    await waitFor(() => server.load.waiting === 2);
    // The queue is full: `d` is dropped at once.
    const d = ask('d', 1000);
    await waitFor(() => dropped.length === 1);
    expect(dropped).toEqual([[SUBJECT, 'shed']]);
    expect(server.load).toEqual({ active: 2, waiting: 2 });

    await waitFor(() => Date.now() > lateDeadline + DEADLINE_GRACE_MS + 50); // `late` gave up
    gates.get('a')!();
    await waitFor(() => started.includes('c'));
    gates.get('b')!();
    gates.get('c')!();

    expect(await Promise.all([a, b, c, late, d])).toEqual([
      'a',
      'b',
      'c',
      'no answer',
      'no answer',
    ]);
    expect(started).toEqual(['a', 'b', 'c']);
    expect(dropped).toEqual([
      [SUBJECT, 'shed'],
      [SUBJECT, 'expired'],
    ]);
    await waitFor(() => server.load.active === 0);
    expect(server.load).toEqual({ active: 0, waiting: 0 });
  });
});
