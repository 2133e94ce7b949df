import { pipeline, Readable, Transform } from 'node:stream';

import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

import { assertStorageKey, StorageNotFoundError } from './media.store';
import type { ByteRange, MediaStorage } from './media.store';

export interface S3StorageOptions {
  /** '' = AWS by region. */
  endpoint: string;
  region: string;
  bucket: string;
  /** '' = the AWS default credential chain. */
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Bytes per multipart part (≥ 5 MiB); an upload holds at most partSize × queueSize. */
  partSize?: number;
  queueSize?: number;
}

function isNotFound(err: unknown): boolean {
  return (
    err instanceof S3ServiceException &&
    (err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound')
  );
}

/**
 * Media in an S3-compatible object store (AWS S3, MinIO, Ceph, ...), for clusters. Uploads are
 * multipart and streamed: at most `partSize × queueSize` bytes of one upload are in memory; a
 * failed upload is aborted, so no object (and no orphan part) is left.
 */
export class S3Storage implements MediaStorage {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    const config: S3ClientConfig = {
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint && { endpoint: options.endpoint }),
      ...(options.accessKeyId && {
        credentials: {
          accessKeyId: options.accessKeyId,
          secretAccessKey: options.secretAccessKey,
        },
      }),
    };
    this.client = new S3Client(config);
  }

  async put(key: string, body: Readable, contentType: string): Promise<{ size: number }> {
    assertStorageKey(key);
    // Counted on the way through (a 'data' listener on `body` would make it ignore backpressure).
    let size = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    pipeline(body, counted, () => undefined);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.options.bucket, Key: key, Body: counted, ContentType: contentType },
      partSize: this.options.partSize ?? 8 * 1024 * 1024,
      queueSize: this.options.queueSize ?? 2,
      leavePartsOnError: false,
    });
    // A body that fails makes the upload fail; it aborts its multipart upload itself.
    const failed = new Promise<never>((_, reject) => counted.once('error', reject));
    await Promise.race([upload.done(), failed]).catch(async (err: unknown) => {
      await upload.abort().catch(() => undefined);
      await this.delete(key).catch(() => undefined);
      throw err;
    });
    return { size };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    try {
      const reply = await this.client.send(
        new GetObjectCommand({
          Bucket: this.options.bucket,
          Key: key,
          ...(range && { Range: `bytes=${range.start}-${range.end}` }),
        }),
      );
      if (!(reply.Body instanceof Readable)) throw new Error('S3 body is not a Node stream');
      return reply.Body;
    } catch (err) {
      if (isNotFound(err)) throw new StorageNotFoundError(key);
      throw err;
    }
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    assertStorageKey(key);
    try {
      const reply = await this.client.send(
        new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }),
      );
      return { size: reply.ContentLength ?? 0 };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  /** Readiness; creates the bucket when the store does not have it yet. */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.client.send(new CreateBucketCommand({ Bucket: this.options.bucket }));
    }
  }

  close(): Promise<void> {
    this.client.destroy();
    return Promise.resolve();
  }
}
