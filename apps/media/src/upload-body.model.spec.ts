import { Readable } from 'node:stream';

import { ErrorCode } from '@im/contracts';

import { parseRange } from './media.service';
import { UploadBody } from './upload-body.model';

/** A request body arriving in chunks of these sizes. */
function chunks(...sizes: number[]): Readable {
  return Readable.from(sizes.map((size, n) => Buffer.alloc(size, n)));
}

async function readAll(body: UploadBody): Promise<Buffer> {
  return Buffer.concat(await body.rest().toArray());
}

describe(UploadBody.name, () => {
  it('peeks the first bytes and then streams the whole body, those bytes included', async () => {
    const sut = new UploadBody(chunks(3000, 3000, 10), 6010);

    const head = await sut.peek(4100);
    const all = await readAll(sut);

    expect(head.length).toBe(4100);
    expect(all.length).toBe(6010);
    expect(all.subarray(0, 4100).equals(head)).toBe(true);
  });

  it('streams a body shorter than the sniffed size', async () => {
    const sut = new UploadBody(chunks(10), 10);

    expect((await sut.peek(4100)).length).toBe(10);
    expect((await readAll(sut)).length).toBe(10);
  });

  it('fails with MediaTooLarge when more bytes come than declared', async () => {
    const sut = new UploadBody(chunks(5000, 5000), 9999);
    await sut.peek(4100);

    await expect(readAll(sut)).rejects.toMatchObject({ code: ErrorCode.MediaTooLarge });
  });

  it('fails with MediaUploadIncomplete when the body ends short', async () => {
    const sut = new UploadBody(chunks(5000), 6000);
    await sut.peek(4100);

    await expect(readAll(sut)).rejects.toMatchObject({ code: ErrorCode.MediaUploadIncomplete });
  });

  it('drops a small rest after a refusal, and stops reading a large one', async () => {
    const small = new UploadBody(chunks(4100, 1000), 5100);
    await small.peek(4100);
    expect(await small.discard(8000, small.peeked)).toBe(true);

    const large = new UploadBody(chunks(4100, 1000), 50_000);
    await large.peek(4100);
    expect(await large.discard(8000, large.peeked)).toBe(false);
  });
});

describe(parseRange.name, () => {
  it('reads the three forms of one byte range', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
  });

  it('serves the whole object for no range or one it does not read', () => {
    expect(parseRange(undefined, 100)).toBeUndefined();
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBeUndefined();
  });

  it('says unsatisfiable for a range outside the object', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=9-2', 100)).toBe('unsatisfiable');
  });
});
