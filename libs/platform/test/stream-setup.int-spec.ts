import { rmSync } from 'node:fs';

import { createTempDir, ServerHandle, startNatsServer } from '@im/testing';

import { createLogger } from '../src/logging/logger';
import { NatsBus } from '../src/nats/nats-bus';

const logger = createLogger('stream-setup-test', 'stream-setup-test', 'silent');

/** Its own nats-server: the streams made here would clash with other files' streams. */
describe('NatsBus.ensureStream', () => {
  let dir: string;
  let nats: ServerHandle;
  const buses: NatsBus[] = [];

  const newBus = async (name: string) => {
    const b = new NatsBus({ servers: [nats.url], name, requestTimeoutMs: 5000, logger });
    await b.connect();
    buses.push(b);
    return b;
  };

  beforeAll(async () => {
    dir = await createTempDir();
    nats = await startNatsServer({ dataDir: dir, persistent: false });
  });

  afterAll(async () => {
    for (const b of buses) await b.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets several processes set up the same streams at the same moment', async () => {
    const processes = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => newBus(`instance-${i}`)));
    const specs = Array.from({ length: 12 }, (_, i) => ({
      name: `RACE_${i}`,
      subjects: [`race${i}.evt.>`],
      maxAgeSeconds: 3600,
    }));

    const outcomes = await Promise.allSettled(
      specs.flatMap((spec) => processes.map((bus) => bus.ensureStream(spec))),
    );

    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const jsm = await (await newBus('inspector')).connection.jetstreamManager();
    for (const spec of specs) {
      const info = await jsm.streams.info(spec.name);
      expect(info.config.subjects).toEqual(spec.subjects);
      expect(info.config.max_age).toBe(3600 * 1e9);
    }
  });

  it('refuses a stream whose subjects another stream already holds', async () => {
    const bus = await newBus('overlap');
    await bus.ensureStream({ name: 'OWNER', subjects: ['owned.evt.>'] });

    await expect(bus.ensureStream({ name: 'INTRUDER', subjects: ['owned.evt.x'] })).rejects.toThrow(
      /overlap/,
    );
  });
});
