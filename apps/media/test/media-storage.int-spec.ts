import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { startS3Server } from '@im/testing';
import type { S3ServerHandle } from '@im/testing';

import { LocalDiskStorage } from '../src/storage/local-disk.store';
import { StorageNotFoundError } from '../src/storage/media.store';
import type { MediaStorage } from '../src/storage/media.store';
import { S3Storage } from '../src/storage/s3.store';

const SIZE = 50 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** Byte `i` of the test object: a pattern that differs at every offset of a chunk and across chunks. */
function chunkAt(index: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (index * 31 + i * 7 + (i >> 8)) & 0xff;
  return b;
}

/** 50 MB generated as it is read: never whole in memory. */
function bigBody(size = SIZE): Readable {
  let index = 0;
  return new Readable({
    read() {
      const left = size - index * CHUNK;
      if (left <= 0) return void this.push(null);
      this.push(chunkAt(index++, Math.min(CHUNK, left)));
    },
  });
}

async function sha256(stream: AsyncIterable<Buffer>): Promise<{ hash: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    h.update(chunk);
    size += chunk.length;
  }
  return { hash: h.digest('hex'), size };
}

function* failingBody(): Generator<Buffer> {
  yield chunkAt(0, CHUNK);
  yield chunkAt(1, CHUNK);
  throw new Error('client went away');
}

describe.each(['local', 's3'] as const)('%s media storage', (kind) => {
  let dir: string;
  let s3: S3ServerHandle | undefined;
  let sut: MediaStorage;
  let expected: { hash: string; size: number };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'im-media-test-'));
    if (kind === 'local') {
      sut = new LocalDiskStorage(path.join(dir, 'media'));
    } else {
      s3 = await startS3Server({ dataDir: path.join(dir, 's3') });
      sut = new S3Storage({
        endpoint: s3.endpoint,
        region: 'us-east-1',
        bucket: 'im-media-test',
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        forcePathStyle: true,
        partSize: 5 * 1024 * 1024,
      });
    }
    await sut.check();
    expected = await sha256(bigBody());
  });

  afterAll(async () => {
    await sut?.close();
    await s3?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a 50 MB object in and reads it back byte-identical', async () => {
    const key = '1400000001/0123456789abcdef0123456789abcdef/original';

    const put = await sut.put(key, bigBody(), 'application/octet-stream');

    expect(put.size).toBe(SIZE);
    expect(await sut.stat(key)).toEqual({ size: SIZE });
    expect(await sha256(await sut.get(key))).toEqual(expected);
  });

  it('reads a byte range', async () => {
    const key = '1400000001/0123456789abcdef0123456789abcdef/original';
    const start = 3 * CHUNK + 100;
    const end = start + 2 * CHUNK;

    const got = Buffer.concat(await (await sut.get(key, { start, end })).toArray());

    const want = Buffer.concat([chunkAt(3, CHUNK), chunkAt(4, CHUNK), chunkAt(5, CHUNK)]);
    expect(got.equals(want.subarray(100, 100 + 2 * CHUNK + 1))).toBe(true);
  });

  it('deletes an object, and deleting it again is no error', async () => {
    const key = '1400000001/0123456789abcdef0123456789abcdef/original';

    await sut.delete(key);
    await sut.delete(key);

    expect(await sut.stat(key)).toBeUndefined();
    await expect(sut.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('leaves nothing behind when the body fails half-way', async () => {
    const key = '1400000001/fedcba9876543210fedcba9876543210/original';

    await expect(sut.put(key, Readable.from(failingBody()), 'image/png')).rejects.toThrow(
      'client went away',
    );

    expect(await sut.stat(key)).toBeUndefined();
    const leftovers =
      kind === 'local'
        ? await readdir(path.join(dir, 'media', '1400000001', 'fedcba9876543210fedcba9876543210'))
        : [];
    expect(leftovers).toEqual([]);
  });

  it('refuses keys that could leave their folder', async () => {
    await expect(sut.stat('../etc/passwd')).rejects.toThrow('invalid storage key');
    await expect(sut.put('a/../../b', Readable.from([]), 'x')).rejects.toThrow(
      'invalid storage key',
    );
  });
});
