import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { Pool } from 'pg';

import type { AppCredentialsReply, AppSettings } from '@im/contracts';
import type { AppRegistryCache, PlatformLogger } from '@im/platform';
import { createTestDatabase } from '@im/testing';
import type { TestDatabase } from '@im/testing';

import type { MediaConfig } from '../src/media.config';
import { MediaRepository } from '../src/media.repository';
import { MediaRetentionService } from '../src/media-retention.service';
import { storageKey } from '../src/media.service';
import { LocalDiskStorage } from '../src/storage/local-disk.store';

const APP = 1400000201;
const OTHER = 1400000202;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const silent = { debug() {}, info() {}, warn() {}, error() {} } as unknown as PlatformLogger;

/** The app registry as far as the sweeper reads it: each app's settings. */
function registryOf(settings: Record<number, AppSettings>): AppRegistryCache {
  return {
    get: (sdkAppId: number) =>
      Promise.resolve(
        settings[sdkAppId] && ({ sdkAppId, settings: settings[sdkAppId] } as AppCredentialsReply),
      ),
  } as unknown as AppRegistryCache;
}

const uuidOf = (n: number) => n.toString(16).padStart(32, '0');

describe('media retention (real PostgreSQL, local disk)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let dir: string;
  let storage: LocalDiskStorage;
  let repository: MediaRepository;
  let sut: MediaRetentionService;
  let next = 1;

  /** An upload of `bytes` bytes made `ageMs` ago (row, object and quota, as an upload leaves them). */
  async function upload(sdkAppId: number, ageMs: number, bytes = 100): Promise<string> {
    const uuid = uuidOf(next++);
    await storage.put(
      storageKey(sdkAppId, uuid, 'original'),
      Readable.from([Buffer.alloc(bytes)]),
      'text/plain',
    );
    await repository.insertObject(sdkAppId, {
      uuid,
      kind: 'file',
      ownerId: 'alice',
      contentType: 'text/plain',
      fileName: '',
      totalBytes: bytes,
      renditions: [{ rendition: 'original', size: bytes }],
    });
    await repository.reserveBytes(sdkAppId, bytes, 1e12);
    await pool.query(
      `UPDATE media_objects SET created_at = now() - make_interval(secs => $3)
       WHERE sdk_app_id = $1 AND uuid = $2`,
      [sdkAppId, uuid, ageMs / 1000],
    );
    return uuid;
  }

  const message = (uuid: string, ageMs: number) => ({
    convId: 'c2c_alice_bob',
    type: 'C2C' as const,
    seq: 1,
    time: Math.floor((Date.now() - ageMs) / 1000),
    random: 1,
    msgKey: '1_1_1',
    from: 'alice',
    to: 'bob',
    body: [{ MsgType: 'TIMFileElem' as const, MsgContent: { UUID: uuid } }],
  });

  const files = async () =>
    (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => e.name);

  beforeAll(async () => {
    db = await createTestDatabase('media');
    pool = new Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined);
    dir = await mkdtemp(path.join(os.tmpdir(), 'media-retention-'));
    storage = new LocalDiskStorage(dir);
    repository = new MediaRepository(pool);
    const config = { retention: { sweepIntervalMs: 1e9, unattachedTtlSeconds: 86_400 } };
    sut = new MediaRetentionService(
      config as MediaConfig,
      silent,
      storage,
      repository,
      registryOf({ [APP]: {}, [OTHER]: { message: { roamingDays: 1 } } }),
    );
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('attaches the uploads a stored message names, at the latest message time, idempotently', async () => {
    const uuid = await upload(APP, HOUR);
    const foreign = await upload(OTHER, HOUR);

    await sut.messageStored(APP, message(uuid, 2 * HOUR));
    await sut.messageStored(APP, message(uuid, HOUR));
    await sut.messageStored(APP, message(uuid, 2 * HOUR)); // redelivered, older
    await sut.messageStored(APP, message(foreign, HOUR)); // another app's upload: untouched

    const attachedAt = (await repository.findObject(APP, uuid))?.attachedAt?.getTime() ?? 0;
    expect(Math.abs(attachedAt - (Date.now() - HOUR))).toBeLessThan(2000);
    expect((await repository.findObject(OTHER, foreign))?.attachedAt).toBeNull();
    await pool.query(`DELETE FROM media_objects`);
    await pool.query(`DELETE FROM media_usage`);
    await rm(dir, { recursive: true, force: true });
  });

  it('deletes uploads never attached after 24 h and media past each app’s roaming window, objects and quota too', async () => {
    const fresh = await upload(APP, 23 * HOUR);
    const stale = await upload(APP, 25 * HOUR, 300);
    const sentLongAgo = await upload(APP, 10 * DAY, 50);
    await sut.messageStored(APP, message(sentLongAgo, 8 * DAY)); // past 7 days (default)
    const sentRecently = await upload(APP, 10 * DAY, 70);
    await sut.messageStored(APP, message(sentRecently, 6 * DAY));
    const shortWindow = await upload(OTHER, 3 * DAY, 20);
    await sut.messageStored(OTHER, message(shortWindow, 2 * DAY)); // past its 1 day

    const result = await sut.sweep();

    expect(result).toEqual({ unattached: 1, pastRoaming: 2, failed: 0 });
    expect(await repository.findObject(APP, stale)).toBeUndefined();
    expect(await repository.findObject(APP, sentLongAgo)).toBeUndefined();
    expect(await repository.findObject(OTHER, shortWindow)).toBeUndefined();
    expect(await repository.findObject(APP, fresh)).toBeDefined();
    expect(await repository.findObject(APP, sentRecently)).toBeDefined();
    expect((await files()).length).toBe(2);
    expect(await repository.usedBytes(APP)).toBe(100 + 70);
    expect(await repository.usedBytes(OTHER)).toBe(0);
    expect(await sut.sweep()).toEqual({ unattached: 0, pastRoaming: 0, failed: 0 });
  });

  it('leaves a row another sweeper claimed minutes ago to it, and takes it over after 10 minutes', async () => {
    const stale = await upload(APP, 30 * HOUR);
    await pool.query(`UPDATE media_objects SET swept_at = now() WHERE uuid = $1`, [stale]);

    expect((await sut.sweep()).unattached).toBe(0);
    await pool.query(
      `UPDATE media_objects SET swept_at = now() - interval '11 minutes' WHERE uuid = $1`,
      [stale],
    );
    expect((await sut.sweep()).unattached).toBe(1);
    expect(await repository.findObject(APP, stale)).toBeUndefined();
  });
});
