import { Readable } from 'node:stream';

import { ErrorCode } from '@im/contracts';

import { MediaError } from './media.errors';

/**
 * An upload body read as it arrives: the first `sniffBytes` are taken ahead (to tell the type
 * before a byte is stored), then `rest()` streams everything — those first bytes and the
 * remainder — failing when more than `declared` bytes come (MediaTooLarge) or the body ends
 * short of it (MediaUploadIncomplete).
 */
export class UploadBody {
  private readonly chunks: AsyncIterator<Buffer>;
  private head = Buffer.alloc(0);
  private ended = false;

  constructor(
    source: AsyncIterable<Buffer>,
    private readonly declared: number,
  ) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** The first bytes (fewer when the body is shorter). */
  async peek(sniffBytes: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    while (length < sniffBytes) {
      const next = await this.chunks.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      parts.push(next.value);
      length += next.value.length;
      if (length > this.declared) throw this.tooLong();
    }
    this.head = Buffer.concat(parts);
    return this.head.subarray(0, sniffBytes);
  }

  /** The whole body as a stream (call once, after peek). */
  rest(): Readable {
    return Readable.from(this.all(), { objectMode: false });
  }

  private async *all(): AsyncGenerator<Buffer> {
    let length = this.head.length;
    if (length > 0) yield this.head;
    while (!this.ended) {
      const next = await this.chunks.next();
      if (next.done) break;
      length += next.value.length;
      if (length > this.declared) throw this.tooLong();
      yield next.value;
    }
    if (length < this.declared)
      throw new MediaError(
        ErrorCode.MediaUploadIncomplete,
        `the body ended after ${length} of ${this.declared} bytes`,
      );
  }

  /**
   * After a refusal: reads and drops what is left of the body when that is at most
   * `maxBytes` (so the client, still sending, reads the answer instead of a reset
   * connection), otherwise stops reading. True when the body was read to its end.
   */
  async discard(maxBytes: number, alreadyRead: number): Promise<boolean> {
    if (this.ended) return true;
    if (this.declared - alreadyRead > maxBytes) {
      await this.chunks.return?.();
      return false;
    }
    let dropped = 0;
    for (;;) {
      const next = await this.chunks.next();
      if (next.done) return true;
      dropped += next.value.length;
      if (dropped > maxBytes) {
        await this.chunks.return?.();
        return false;
      }
    }
  }

  /** Bytes taken ahead by peek. */
  get peeked(): number {
    return this.head.length;
  }

  private tooLong(): MediaError {
    return new MediaError(ErrorCode.MediaTooLarge, 'the body is longer than its Content-Length');
  }
}
