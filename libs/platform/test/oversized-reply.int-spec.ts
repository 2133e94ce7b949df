import { rmSync } from 'node:fs';

import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { RemoteError } from '@im/contracts';
import { createTempDir, ServerHandle, startNatsServer } from '@im/testing';

import { createLogger } from '../src/logging/logger';
import { NatsBus } from '../src/nats/nats-bus';
import { natsConnectionOptions } from '../src/nats/nats-url';
import { PlatformNatsServer } from '../src/nats/platform-nats.server';

const SUBJECT = 'oversized-test.rpc.answer';

@Controller()
class AnswerController {
  @MessagePattern(SUBJECT)
  answer(@Payload() data: { bytes: number }): { text: string } {
    return { text: 'x'.repeat(data.bytes) };
  }
}

@Module({ controllers: [AnswerController] })
class AnswerModule {}

/**
 * A reply larger than NATS's max_payload (1 MB by default) cannot be published: the
 * requester gets the service's refusal at once instead of waiting out its timeout.
 */
describe('a reply over the bus limit', () => {
  let dir: string;
  let nats: ServerHandle;
  let app: INestMicroservice;
  let bus: NatsBus;

  beforeAll(async () => {
    dir = await createTempDir();
    nats = await startNatsServer({ dataDir: dir, persistent: false });
    const server = new PlatformNatsServer({
      ...natsConnectionOptions([nats.url]),
      name: 'oversized-test',
      queue: 'oversized-test',
    });
    server.replyTooLargeCode = 40001;
    app = await NestFactory.createMicroservice(AnswerModule, { strategy: server, logger: false });
    await app.listen();
    bus = new NatsBus({
      servers: [nats.url],
      name: 'oversized-client',
      requestTimeoutMs: 20_000,
      logger: createLogger('oversized-test', 'client', 'silent'),
    });
    await bus.connect();
  });

  afterAll(async () => {
    await bus?.close();
    await app?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (bytes: number) =>
    (bus.request as (s: string, p: unknown) => Promise<{ text: string }>)(SUBJECT, { bytes });

  it('answers a reply that fits', async () => {
    expect((await ask(500_000)).text).toHaveLength(500_000);
  });

  it('refuses one that does not with the service code instead of a timeout', async () => {
    const err = await ask(2_000_000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({
      code: 40001,
      message: expect.stringContaining('ask for fewer items'),
    });
    // and the service still answers
    expect((await ask(10)).text).toBe('x'.repeat(10));
  });
});
