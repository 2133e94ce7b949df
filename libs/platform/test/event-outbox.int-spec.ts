import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { drizzle } from 'drizzle-orm/node-postgres';
import { AckPolicy, DeliverPolicy } from 'nats';
import { Pool } from 'pg';

import { AccountEvt, AccountKickedEvent, EventStreams } from '@im/contracts';
import { createTestDatabase, TestDatabase, testServerUrls, waitFor } from '@im/testing';

import { createLogger } from '../src/logging/logger';
import { NatsBus } from '../src/nats/nats-bus';
import { EventOutbox } from '../src/outbox/event-outbox';
import {
  OUTBOX_JSON_MIGRATION,
  OUTBOX_TABLE_DDL,
  OUTBOX_TABLE_DDL_JSONB,
} from '../src/outbox/outbox.sql';
import { runMigrations } from '../src/postgres/migrator';

const logger = createLogger('outbox-test', 'outbox-test', 'silent');

describe(EventOutbox.name, () => {
  let migrations: string;
  let db: TestDatabase;
  let pool: Pool;
  let bus: NatsBus;
  let streamStart: number;

  const kicked = async (): Promise<AccountKickedEvent[]> => {
    const jsm = await bus.connection.jetstreamManager();
    const name = `outbox-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await jsm.consumers.add(EventStreams.account.name, {
      name,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: streamStart,
      filter_subject: AccountEvt.Kicked,
      inactive_threshold: 10e9,
    });
    const consumer = await bus.connection
      .jetstream()
      .consumers.get(EventStreams.account.name, name);
    const events: AccountKickedEvent[] = [];
    for (;;) {
      const msg = await consumer.next({ expires: 1000 });
      if (!msg) return events;
      const packet = msg.json<{ data: AccountKickedEvent }>();
      events.push(packet.data);
    }
  };

  const rows = async () =>
    Number((await pool.query('SELECT count(*) AS n FROM outbox_events')).rows[0].n);

  beforeAll(async () => {
    migrations = mkdtempSync(path.join(os.tmpdir(), 'outbox-migrations-'));
    writeFileSync(path.join(migrations, '0001_create_outbox_events.sql'), OUTBOX_TABLE_DDL);
    db = await createTestDatabase('outbox', { migrationsDir: migrations });
    pool = new Pool({ connectionString: db.url, max: 4 });
    // A client still closing when the database is dropped WITH (FORCE) is terminated.
    pool.on('error', () => undefined);
    bus = new NatsBus({
      servers: [testServerUrls().natsUrl],
      name: 'outbox-test',
      requestTimeoutMs: 2000,
      logger,
    });
    await bus.connect();
    await bus.ensureStream(EventStreams.account);
    const jsm = await bus.connection.jetstreamManager();
    streamStart = (await jsm.streams.info(EventStreams.account.name)).state.last_seq + 1;
  });

  afterAll(async () => {
    await bus.close();
    await pool.end();
    await db.drop();
    rmSync(migrations, { recursive: true, force: true });
  });

  it('publishes an event staged in a committed transaction and forgets it', async () => {
    const sut = new EventOutbox(pool, bus, logger);
    const orm = drizzle(pool);

    const staged = await orm.transaction((tx) =>
      sut.stage(tx, AccountEvt.Kicked, { sdkAppId: 1400000001, userId: 'alice', revokedBefore: 1 }),
    );
    expect(await rows()).toBe(1);
    await sut.drain();

    expect(await rows()).toBe(0);
    const events = await kicked();
    expect(events).toEqual([
      expect.objectContaining({
        eventId: staged.eventId,
        sdkAppId: 1400000001,
        userId: 'alice',
        revokedBefore: 1,
        occurredAt: expect.any(String),
        requestId: expect.any(String),
      }),
    ]);
    streamStart += events.length;
  });

  it('never publishes an event whose transaction rolled back', async () => {
    const sut = new EventOutbox(pool, bus, logger);
    const orm = drizzle(pool);

    await expect(
      orm.transaction(async (tx) => {
        await sut.stage(tx, AccountEvt.Kicked, {
          sdkAppId: 1400000002,
          userId: 'bob',
          revokedBefore: 2,
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await sut.drain();

    expect(await rows()).toBe(0);
    expect(await kicked()).toEqual([]);
  });

  it('publishes each event once when two instances relay at the same time', async () => {
    const first = new EventOutbox(pool, bus, logger, { batchSize: 7 });
    const second = new EventOutbox(pool, bus, logger, { batchSize: 7 });
    const orm = drizzle(pool);
    const ids = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const e = await orm.transaction((tx) =>
        first.stage(tx, AccountEvt.Kicked, {
          sdkAppId: 1400000003,
          userId: `u${i}`,
          revokedBefore: i,
        }),
      );
      ids.add(e.eventId);
    }

    await Promise.all([first.drain(), second.drain()]);

    expect(await rows()).toBe(0);
    const events = await kicked();
    expect(events.map((e) => e.eventId).sort()).toEqual([...ids].sort());
    streamStart += events.length;
  });

  it('keeps a string holding U+0000 exactly (json, not jsonb)', async () => {
    const sut = new EventOutbox(pool, bus, logger);
    const orm = drizzle(pool);
    const userId = 'nul\u0000inside \u4e2d \ud83d\ude00';

    await orm.transaction((tx) =>
      sut.stage(tx, AccountEvt.Kicked, { sdkAppId: 1400000005, userId, revokedBefore: 5 }),
    );
    await sut.drain();

    expect(await rows()).toBe(0);
    const events = await kicked();
    expect(events).toEqual([expect.objectContaining({ sdkAppId: 1400000005, userId })]);
    streamStart += events.length;
  });

  it('is upgraded from jsonb by OUTBOX_JSON_MIGRATION, keeping the staged rows', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-upgrade-'));
    writeFileSync(path.join(dir, '0001_create_outbox_events.sql'), OUTBOX_TABLE_DDL_JSONB);
    const old = await createTestDatabase('outbox-jsonb', { migrationsDir: dir });
    const oldPool = new Pool({ connectionString: old.url, max: 2 });
    // A client still closing when the database is dropped WITH (FORCE) is terminated.
    oldPool.on('error', () => undefined);
    try {
      const sut = new EventOutbox(oldPool, bus, logger);
      await oldPool.query(
        `INSERT INTO outbox_events (sdk_app_id, subject, event, context) VALUES ($1, $2, $3, $4)`,
        [1400000006, 'x', JSON.stringify({ kept: true }), JSON.stringify({})],
      );
      await expect(
        drizzle(oldPool).transaction((tx) =>
          sut.stage(tx, AccountEvt.Kicked, {
            sdkAppId: 1400000006,
            userId: 'a\u0000b',
            revokedBefore: 6,
          }),
        ),
      ).rejects.toThrow();

      writeFileSync(path.join(dir, '0002_outbox_events_json.sql'), OUTBOX_JSON_MIGRATION);
      await runMigrations({ databaseUrl: old.url, migrationsDir: dir });

      const types = await oldPool.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns
         WHERE table_name = 'outbox_events' AND column_name IN ('event', 'context')
         ORDER BY column_name`,
      );
      expect(types.rows).toEqual([
        { column_name: 'context', data_type: 'json' },
        { column_name: 'event', data_type: 'json' },
      ]);
      expect((await oldPool.query('SELECT event FROM outbox_events')).rows).toEqual([
        { event: { kept: true } },
      ]);
      await drizzle(oldPool).transaction((tx) =>
        sut.stage(tx, AccountEvt.Kicked, {
          sdkAppId: 1400000006,
          userId: 'a\u0000b',
          revokedBefore: 6,
        }),
      );
      const staged = await oldPool.query<{ event: { userId: string } }>(
        `SELECT event FROM outbox_events WHERE subject = $1`,
        [AccountEvt.Kicked],
      );
      expect(staged.rows.map((r) => r.event.userId)).toEqual(['a\u0000b']);
    } finally {
      await oldPool.end();
      await old.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('relays on its own once started, and after flush()', async () => {
    const sut = new EventOutbox(pool, bus, logger, { pollIntervalMs: 50 });
    const orm = drizzle(pool);
    sut.start();
    try {
      await orm.transaction((tx) =>
        sut.stage(tx, AccountEvt.Kicked, {
          sdkAppId: 1400000004,
          userId: 'carol',
          revokedBefore: 4,
        }),
      );
      sut.flush();

      await waitFor(async () => (await rows()) === 0, { timeoutMs: 5000 });
    } finally {
      await sut.stop();
    }
    const events = await kicked();
    expect(events).toEqual([expect.objectContaining({ userId: 'carol' })]);
    streamStart += events.length;
  });
});
