import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { AckPolicy, connect, NatsConnection, StringCodec } from 'nats';

import { natsConnectionOptions } from '@im/platform';

import { NatsCluster, startNatsCluster, waitFor } from '../src';

const codec = StringCodec();

describe('a NATS cluster started by the harness', () => {
  let baseDir: string;
  let cluster: NatsCluster;
  let nc: NatsConnection;

  beforeAll(async () => {
    baseDir = await mkdtemp(path.join(os.tmpdir(), 'im-nats-cluster-'));
    cluster = await startNatsCluster({ baseDir, persistent: false });
    nc = await connect({ ...natsConnectionOptions(cluster.urls), name: 'cluster-test' });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await cluster?.stop();
    await rm(baseDir, { recursive: true, force: true });
  });

  it('forms one JetStream cluster of three routed nodes', async () => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.add({
      name: 'R3_PROBE',
      subjects: ['probe.>'],
      num_replicas: 3,
    });

    expect(info.cluster?.name).toBe('im-cluster');
    expect(
      [info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((r) => r.name)].sort(),
    ).toEqual(['im-nats-0', 'im-nats-1', 'im-nats-2']);
  });

  it('keeps an R3 stream writable and every acknowledged message through the loss of its leader', async () => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: 'R3_KILL', subjects: ['kill.>'], num_replicas: 3 });
    const js = nc.jetstream();
    for (let i = 0; i < 50; i++) await js.publish('kill.a', codec.encode(`before-${i}`));

    const leader = (await jsm.streams.info('R3_KILL')).cluster!.leader!;
    const index = Number(leader.replace('im-nats-', ''));
    process.kill(cluster.nodes[index].pid, 'SIGKILL');
    await cluster.nodes[index].exited;

    // a new leader is elected among the two left; publishing works again
    await waitFor(
      async () => {
        try {
          await js.publish('kill.a', codec.encode('after-0'), { timeout: 2000 });
          return true;
        } catch {
          return false;
        }
      },
      { timeoutMs: 60_000, message: 'the stream accepting writes after its leader died' },
    );
    for (let i = 1; i < 50; i++) await js.publish('kill.a', codec.encode(`after-${i}`));

    await cluster.restart(index);
    await jsm.consumers.add('R3_KILL', { durable_name: 'reader', ack_policy: AckPolicy.None });
    const consumer = await js.consumers.get('R3_KILL', 'reader');
    const seen: string[] = [];
    const messages = await consumer.fetch({ max_messages: 100, expires: 5000 });
    for await (const m of messages) seen.push(codec.decode(m.data));

    expect(seen).toEqual([
      ...Array.from({ length: 50 }, (_, i) => `before-${i}`),
      ...Array.from({ length: 50 }, (_, i) => `after-${i}`),
    ]);
    const restarted = await jsm.streams.info('R3_KILL');
    expect(restarted.state.messages).toBe(100);
  });
});
