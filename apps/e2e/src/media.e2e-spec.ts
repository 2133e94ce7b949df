import { createHash, createHmac } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { Pool } from 'pg';
import sharp from 'sharp';

import { ErrorCode } from '@im/contracts';
import type { AppReply, ChatMessage } from '@im/contracts';
import { ImError, MediaUploader, SdkErrorCodes } from '@im/sdk';
import type { UploadResult } from '@im/sdk';
import { databaseUrl, startPlatform, startS3Server, waitFor } from '@im/testing';
import type { RunningPlatform, S3ServerHandle } from '@im/testing';
import { signUserSig } from '@im/usersig';

import { MessagingFixture } from './messaging.fixture';
import type { Device } from './messaging.fixture';

interface ImageInfo {
  Type: number;
  Size: number;
  Width: number;
  Height: number;
  URL: string;
}

/** A 1200 × 800 PNG of noise (so it does not compress to nothing), made once. */
async function makePng(): Promise<Buffer> {
  const width = 1200;
  const height = 800;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** The first bytes of a Windows executable: MZ header pointing to a PE signature. */
function exeBytes(size = 64 * 1024): Buffer {
  const b = Buffer.alloc(size, 0x90);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

async function download(url: string): Promise<{ status: number; body: Buffer; json?: unknown }> {
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('json')
    ? (JSON.parse(body.toString('utf8')) as unknown)
    : undefined;
  return { status: res.status, body, json };
}

/** The message `seq` from media-alice once `device` received it. */
async function receivedBy(device: Device, seq: number | undefined): Promise<ChatMessage> {
  return waitFor(
    () => device.received.find((m) => m.seq === seq && m.from === 'media-alice') ?? null,
  );
}

const BIG = 50 * 1000 * 1000;
const BIG_CHUNK = 1024 * 1024;

/** Chunk `i` of the 50 MB test file (different at every offset), made as it is read. */
function bigChunk(i: number): Buffer {
  const length = Math.min(BIG_CHUNK, BIG - i * BIG_CHUNK);
  const b = Buffer.alloc(length);
  for (let j = 0; j < length; j += 4) b.writeUInt32LE((i * 0x9e3779b1 + j * 2654435761) >>> 0, j);
  return b.subarray(0, length);
}

function* bigFile(): Generator<Buffer> {
  for (let i = 0; i * BIG_CHUNK < BIG; i++) yield bigChunk(i);
}

const bigHash = (() => {
  let hash: string | undefined;
  return () => {
    if (!hash) {
      const h = createHash('sha256');
      for (const chunk of bigFile()) h.update(chunk);
      hash = h.digest('hex');
    }
    return hash;
  };
})();

/** Downloads by streaming, hashing as the bytes arrive. */
async function downloadHash(url: string): Promise<{ hash: string; size: number }> {
  const res = await fetch(url);
  if (!res.body) throw new Error(`no body (HTTP ${res.status})`);
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of res.body) {
    h.update(chunk);
    size += chunk.length;
  }
  return { hash: h.digest('hex'), size };
}

/** A PCM WAV of `seconds` of a tone (RIFF/WAVE, sniffed as audio/wav). */
function wavBytes(seconds: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return b;
}

/** An MP4 as far as its signature goes: an `ftyp` box (isom) and an `mdat` box of bytes. */
function mp4Bytes(size: number): Buffer {
  const b = Buffer.alloc(size);
  b.writeUInt32BE(24, 0);
  b.write('ftypisom', 4, 'latin1');
  b.writeUInt32BE(0x200, 12);
  b.write('isommp41', 16, 'latin1');
  b.writeUInt32BE(size - 24, 24);
  b.write('mdat', 28, 'latin1');
  for (let i = 32; i < size; i++) b[i] = (i * 131) & 0xff;
  return b;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A download token as docs/protocol.md §14.2 defines it, signed with the app's secret key. */
function signToken(secretKey: string, claims: unknown[]): string {
  const key = createHmac('sha256', secretKey).update('im-media-link/v1').digest();
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

describe('media messages (e2e)', () => {
  let fx: MessagingFixture;
  let app: AppReply;
  let otherApp: AppReply;
  let alice: Device;
  let bob: Device;
  let png: Buffer;
  let mediaDb: Pool;

  const uploader = (a: AppReply, userId: string, userSig?: string) =>
    new MediaUploader({
      url: fx.platform.mediaUrl,
      sdkAppId: a.sdkAppId,
      userId,
      userSig:
        userSig ??
        (() =>
          signUserSig({
            sdkAppId: a.sdkAppId,
            secretKey: a.secretKey,
            identifier: userId,
            expireSeconds: 3600,
          })),
    });

  /** Every object the local store holds (files under the media folder). */
  async function storedObjects(): Promise<string[]> {
    const root = path.join(fx.dir, 'logs', 'media-data');
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  }

  beforeAll(async () => {
    fx = await MessagingFixture.start({
      gateways: 1,
      extraEnv: {
        media: {
          MEDIA_IMAGE_MAX_BYTES: String(4 * 1024 * 1024),
          MEDIA_APP_QUOTA_BYTES: String(64 * 1024 * 1024),
          MEDIA_SWEEP_INTERVAL_MS: '200',
        },
      },
    });
    [app, otherApp] = await Promise.all([fx.createApp(), fx.createApp()]);
    png = await makePng();
    alice = await fx.device(app, 'media-alice', { media: uploader(app, 'media-alice') });
    bob = await fx.device(app, 'media-bob');
    mediaDb = new Pool({
      connectionString: databaseUrl(fx.servers.postgres.url, 'im_media_e2e_test'),
      max: 2,
    });
    mediaDb.on('error', () => undefined);
  });

  afterAll(async () => {
    await mediaDb?.end();
    await fx?.stop();
  });

  /** The upload's row in the media database (undefined once it is deleted). */
  async function mediaRow(uuid: string) {
    const { rows } = await mediaDb.query<{ attached_at: Date | null; total_bytes: string }>(
      `SELECT attached_at, total_bytes FROM media_objects WHERE sdk_app_id = $1 AND uuid = $2`,
      [app.sdkAppId, uuid],
    );
    return rows[0];
  }

  it('sends an image: the receiver gets three URLs, the original byte for byte, a 198 px thumbnail', async () => {
    const progress: number[] = [];
    alice.chat.on('upload-progress', (p) => progress.push(p.loaded));

    const sent = await alice.chat.sendImage('media-bob', png, { contentType: 'image/png' });

    expect(sent.state).toBe('sent');
    expect(progress.at(-1)).toBe(png.length);
    const message = await receivedBy(bob, sent.seq);
    const elem = message.body[0];
    expect(elem.MsgType).toBe('TIMImageElem');
    const content = elem.MsgContent as {
      UUID: string;
      ImageFormat: number;
      ImageInfoArray: ImageInfo[];
    };
    expect(content.ImageFormat).toBe(3);
    expect(content.ImageInfoArray.map((i) => i.Type)).toEqual([1, 2, 3]);
    const [original, large, thumb] = await Promise.all(
      content.ImageInfoArray.map((i) => download(i.URL)),
    );
    expect(original.status).toBe(200);
    expect(sha(original.body)).toBe(sha(png));
    expect(content.ImageInfoArray[0]).toMatchObject({ Size: png.length, Width: 1200, Height: 800 });
    const largeMeta = await sharp(large.body).metadata();
    expect([largeMeta.width, largeMeta.height]).toEqual([720, 480]);
    const thumbMeta = await sharp(thumb.body).metadata();
    expect(Math.max(thumbMeta.width ?? 0, thumbMeta.height ?? 0)).toBe(198);
    expect(content.ImageInfoArray[2]).toMatchObject({
      Width: thumbMeta.width,
      Height: thumbMeta.height,
      Size: thumb.body.length,
    });
  });

  it('sends a file streamed from a source of known size, and serves byte ranges', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
    function* chunks() {
      for (let i = 0; i < data.length; i += 100_000) yield data.subarray(i, i + 100_000);
    }

    const sent = await alice.chat.sendFile(
      'media-bob',
      { stream: chunks(), size: data.length },
      { contentType: 'application/octet-stream', fileName: 'report.bin' },
    );

    const message = await receivedBy(bob, sent.seq);
    const content = message.body[0].MsgContent as {
      Url: string;
      FileSize: number;
      FileName: string;
      Download_Flag: number;
    };
    expect(message.body[0].MsgType).toBe('TIMFileElem');
    expect(content).toMatchObject({
      FileSize: data.length,
      FileName: 'report.bin',
      Download_Flag: 2,
    });
    expect(sha((await download(content.Url)).body)).toBe(sha(data));
    const part = await fetch(content.Url, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(data.subarray(1000, 2000))).toBe(true);
  });

  describe('a 50 MB file through the SDK on each store', () => {
    let s3: S3ServerHandle;
    let s3Media: RunningPlatform;

    beforeAll(async () => {
      // a second media service on the same platform, keeping its bytes in s3rver
      s3 = await startS3Server({ dataDir: path.join(fx.dir, 's3') });
      const secretFile = path.join(fx.dir, 's3-secret');
      await writeFile(secretFile, s3.secretAccessKey, { mode: 0o600 });
      s3Media = await startPlatform({
        infra: {
          natsUrl: fx.servers.nats.url,
          redisUrl: fx.servers.redis.url,
          postgresUrl: fx.servers.postgres.url,
          credentials: fx.servers.credentials,
        },
        services: ['media'],
        logDir: path.join(fx.dir, 'logs-s3'),
        databaseName: (_service, database) => `${database}_s3_e2e_test`,
        logLevel: 'warn',
        extraEnv: {
          media: {
            MEDIA_STORAGE: 's3',
            MEDIA_S3_ENDPOINT: s3.endpoint,
            MEDIA_S3_BUCKET: 'im-media-e2e',
            MEDIA_S3_ACCESS_KEY_ID: s3.accessKeyId,
            MEDIA_S3_SECRET_ACCESS_KEY_FILE: secretFile,
          },
        },
      });
    });

    afterAll(async () => {
      await s3Media?.stop();
      await s3?.stop();
    });

    it.each(['local', 's3'] as const)(
      'on %s: sent, received and read back byte-identical',
      async (store) => {
        const media = new MediaUploader({
          url: store === 'local' ? fx.platform.mediaUrl : s3Media.mediaUrl,
          sdkAppId: app.sdkAppId,
          userId: 'media-alice',
          userSig: signUserSig({
            sdkAppId: app.sdkAppId,
            secretKey: app.secretKey,
            identifier: 'media-alice',
            expireSeconds: 3600,
          }),
        });
        const sender = await fx.device(app, 'media-alice', { media });
        let progressEvents = 0;

        const sent = await sender.chat.sendFile(
          'media-bob',
          { stream: bigFile(), size: BIG },
          {
            contentType: 'application/octet-stream',
            fileName: `big-${store}.bin`,
            onProgress: () => progressEvents++,
          },
        );

        const message = await receivedBy(bob, sent.seq);
        const content = message.body[0].MsgContent as { Url: string; FileSize: number };
        expect(content.FileSize).toBe(BIG);
        expect(progressEvents).toBeGreaterThan(10);
        expect(await downloadHash(content.Url)).toEqual({ hash: bigHash(), size: BIG });
      },
    );
  });

  describe('refusals store nothing', () => {
    let before: string[];
    beforeEach(async () => {
      before = await storedObjects();
    });

    const refusal = async (p: Promise<unknown>) => {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ImError);
      return (err as ImError).code;
    };

    it('refuses an image over the limit with MediaTooLarge before its body is sent', async () => {
      let sentBytes = 0;
      const code = await refusal(
        uploader(app, 'media-alice').upload('image', Buffer.alloc(4 * 1024 * 1024 + 1), {
          contentType: 'image/png',
          onProgress: (p) => (sentBytes = p.loaded),
        }),
      );
      expect(code).toBe(ErrorCode.MediaTooLarge);
      expect(sentBytes).toBe(0);
      expect(await storedObjects()).toEqual(before);
    });

    it('refuses an .exe declared as image/png (and as a PNG file) with MediaTypeMismatch', async () => {
      expect(
        await refusal(
          uploader(app, 'media-alice').upload('image', exeBytes(), { contentType: 'image/png' }),
        ),
      ).toBe(ErrorCode.MediaTypeMismatch);
      expect(
        await refusal(
          uploader(app, 'media-alice').upload('file', exeBytes(), {
            contentType: 'image/png',
            fileName: 'cat.png',
          }),
        ),
      ).toBe(ErrorCode.MediaTypeMismatch);
      expect(await storedObjects()).toEqual(before);
    });

    it('refuses an upload beyond the app quota with MediaQuotaExceeded before its body is sent', async () => {
      let sentBytes = 0;
      const size = 65 * 1024 * 1024;
      function* never(): Generator<Buffer> {
        yield Buffer.alloc(0);
        throw new Error('the body must not be read');
      }
      const code = await refusal(
        uploader(app, 'media-alice').upload(
          'file',
          { stream: never(), size },
          {
            contentType: 'application/octet-stream',
            onProgress: (p) => (sentBytes = p.loaded),
          },
        ),
      );
      expect(code).toBe(ErrorCode.MediaQuotaExceeded);
      expect(sentBytes).toBe(0);
      expect(await storedObjects()).toEqual(before);
    });

    it('refuses an upload without a valid UserSig with the UserSig code', async () => {
      const code = await refusal(
        uploader(app, 'media-alice', 'not-a-usersig').upload('image', png, {
          contentType: 'image/png',
        }),
      );
      expect(code).toBeGreaterThanOrEqual(70000);
      expect(code).toBeLessThan(80000);
      const foreign = signUserSig({
        sdkAppId: otherApp.sdkAppId,
        secretKey: otherApp.secretKey,
        identifier: 'media-alice',
        expireSeconds: 3600,
      });
      expect(
        await refusal(
          uploader(app, 'media-alice', foreign).upload('image', png, { contentType: 'image/png' }),
        ),
      ).toBeGreaterThanOrEqual(70000);
      expect(await storedObjects()).toEqual(before);
    });

    it('cancels an upload by its AbortSignal', async () => {
      const controller = new AbortController();
      function* slow() {
        yield png.subarray(0, 1000);
        controller.abort();
        yield png.subarray(1000);
      }
      const code = await refusal(
        uploader(app, 'media-alice').upload(
          'image',
          { stream: slow(), size: png.length },
          {
            contentType: 'image/png',
            signal: controller.signal,
          },
        ),
      );
      expect(code).toBe(SdkErrorCodes.Aborted);
      // the server sees the body end short and removes what it had begun to store
      await waitFor(async () => expect(await storedObjects()).toEqual(before));
    });
  });

  describe('download links', () => {
    let uploaded: UploadResult;
    beforeAll(async () => {
      uploaded = await uploader(app, 'media-alice').upload('file', Buffer.from('hello media'), {
        contentType: 'text/plain',
        fileName: 'hello.txt',
      });
    });
    const urlOf = (r: UploadResult) => (r.Element.MsgContent as { Url: string }).Url;
    const tokenParts = (url: string) => {
      const token = url.split('/').pop() ?? '';
      const [payload, sig] = token.split('.');
      return { base: url.slice(0, url.length - token.length), payload, sig };
    };

    it('serves the bytes to anyone holding the link', async () => {
      const got = await download(urlOf(uploaded));
      expect(got.status).toBe(200);
      expect(got.body.toString()).toBe('hello media');
    });

    it('refuses a link altered to a later expiry or another app with MediaLinkInvalid', async () => {
      const { base, payload, sig } = tokenParts(urlOf(uploaded));
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
      for (const altered of [
        [claims[0], claims[1], claims[2], (claims[3] as number) + 3600],
        [otherApp.sdkAppId, claims[1], claims[2], claims[3]],
      ]) {
        const forged = `${base}${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${sig}`;
        const got = await download(forged);
        expect(got.status).toBe(403);
        expect(got.json).toMatchObject({ ErrorCode: ErrorCode.MediaLinkInvalid });
      }
    });

    it('follows the documented signing: a link the app signs itself works, an expired one is MediaLinkExpired', async () => {
      const { base, payload } = tokenParts(urlOf(uploaded));
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
      const now = Math.floor(Date.now() / 1000);

      const fresh = await download(
        `${base}${signToken(app.secretKey, [claims[0], claims[1], 1, now + 60])}`,
      );
      const expired = await download(
        `${base}${signToken(app.secretKey, [claims[0], claims[1], 1, now - 1])}`,
      );

      expect(fresh.body.toString()).toBe('hello media');
      expect(expired.status).toBe(403);
      expect(expired.json).toMatchObject({ ErrorCode: ErrorCode.MediaLinkExpired });
    });

    it('does not let another app reach this app’s media with its own uploads’ links', async () => {
      const theirs = await uploader(otherApp, 'media-eve').upload('file', Buffer.from('eve'), {
        contentType: 'text/plain',
      });
      // eve's link, pointed at alice's upload: signed for eve's app, which has no such upload
      const { base, payload, sig } = tokenParts(urlOf(theirs));
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
      const swapped = [claims[0], uploaded.UUID, claims[2], claims[3]];
      const got = await download(
        `${base}${Buffer.from(JSON.stringify(swapped)).toString('base64url')}.${sig}`,
      );
      expect(got.status).toBe(403);
      expect(got.json).toMatchObject({ ErrorCode: ErrorCode.MediaLinkInvalid });
    });
  });
  describe('voice and video through the SDK', () => {
    // the 50 MB cases logged media-alice in again on the same platform, which ended this session
    beforeAll(async () => {
      alice = await fx.device(app, 'media-alice', { media: uploader(app, 'media-alice') });
    });

    it('sends a voice message: TIMSoundElem with Url, UUID, Size, Second, Download_Flag', async () => {
      const wav = wavBytes(2);

      const sent = await alice.chat.sendSound('media-bob', wav, {
        contentType: 'audio/wav',
        second: 2,
      });

      const message = await receivedBy(bob, sent.seq);
      expect(message.body[0].MsgType).toBe('TIMSoundElem');
      const content = message.body[0].MsgContent as { Url: string; UUID: string };
      expect(content).toMatchObject({ Size: wav.length, Second: 2, Download_Flag: 2 });
      expect(content.UUID).toMatch(/^[0-9a-f]{32}$/);
      const got = await download(content.Url);
      expect(sha(got.body)).toBe(sha(wav));
    });

    it('sends a video with the cover the client supplies: TIMVideoFileElem with the Video* and Thumb* fields', async () => {
      const mp4 = mp4Bytes(512 * 1024 + 3);

      const sent = await alice.chat.sendVideo('media-bob', mp4, {
        contentType: 'video/mp4',
        second: 12,
        cover: { source: png, contentType: 'image/png' },
      });

      const message = await receivedBy(bob, sent.seq);
      expect(message.body[0].MsgType).toBe('TIMVideoFileElem');
      const content = message.body[0].MsgContent as {
        VideoUrl: string;
        VideoUUID: string;
        ThumbUrl: string;
        ThumbUUID: string;
      };
      expect(content).toMatchObject({
        VideoSize: mp4.length,
        VideoSecond: 12,
        VideoFormat: 'mp4',
        VideoDownloadFlag: 2,
        ThumbFormat: 'png',
        ThumbDownloadFlag: 2,
      });
      expect(sha((await download(content.VideoUrl)).body)).toBe(sha(mp4));
      const cover = await download(content.ThumbUrl);
      const meta = await sharp(cover.body).metadata();
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(198);
      expect(message.body[0].MsgContent).toMatchObject({
        ThumbWidth: meta.width,
        ThumbHeight: meta.height,
        ThumbSize: cover.body.length,
      });
      // the message stored attaches both uploads: the video and its cover
      await waitFor(async () => {
        expect((await mediaRow(content.VideoUUID))?.attached_at).toBeInstanceOf(Date);
        expect((await mediaRow(content.ThumbUUID))?.attached_at).toBeInstanceOf(Date);
      });
    });
  });

  describe('per-app quota from the app settings', () => {
    it("refuses with MediaQuotaExceeded past the app's mediaQuotaBytes (below the service default) and stores nothing", async () => {
      const small = await fx.createApp({ settings: { mediaQuotaBytes: 3000 } });
      const up = uploader(small, 'quota-user');
      const first = await up.upload('file', Buffer.alloc(2000, 1), { contentType: 'text/plain' });
      expect(first.Size).toBe(2000);
      const before = await storedObjects();

      const code = await up
        .upload('file', Buffer.alloc(2000, 2), { contentType: 'text/plain' })
        .then(
          () => 0,
          (e: unknown) => (e as ImError).code,
        );

      expect(code).toBe(ErrorCode.MediaQuotaExceeded);
      expect(await storedObjects()).toEqual(before);
      const { rows } = await mediaDb.query<{ bytes_used: string }>(
        `SELECT bytes_used FROM media_usage WHERE sdk_app_id = $1`,
        [small.sdkAppId],
      );
      expect(Number(rows[0].bytes_used)).toBe(2000);
    });
  });

  describe('a kicked user', () => {
    it('cannot upload with a UserSig issued before the kick (70052); a new one uploads', async () => {
      const userId = 'media-kicked';
      await fx.device(app, userId);
      const sig = (nowSeconds?: number) =>
        signUserSig({
          sdkAppId: app.sdkAppId,
          secretKey: app.secretKey,
          identifier: userId,
          expireSeconds: 3600,
          nowSeconds,
        });
      const old = sig(Math.floor(Date.now() / 1000) - 60);
      const file = Buffer.from('before the kick');
      await uploader(app, userId, old).upload('file', file, { contentType: 'text/plain' });

      await fx.admin(app).ok('im_open_login_svc', 'kick', { UserID: userId });

      // the kick reaches the media service as an event; until then the cached time is older
      await waitFor(async () => {
        const code = await uploader(app, userId, old)
          .upload('file', file, { contentType: 'text/plain' })
          .then(
            () => 0,
            (e: unknown) => (e as ImError).code,
          );
        expect(code).toBe(ErrorCode.UserSigRevoked);
      });
      const fresh = await uploader(app, userId, sig()).upload('file', file, {
        contentType: 'text/plain',
      });
      expect(fresh.Size).toBe(file.length);
    });
  });

  describe('retention', () => {
    // the 50 MB cases logged media-alice in again on the same platform, which ended this session
    beforeAll(async () => {
      alice = await fx.device(app, 'media-alice', { media: uploader(app, 'media-alice') });
    });

    it('attaches uploads a stored message names; the sweeper deletes those never sent after 24 h and the rest past the roaming window', async () => {
      const unsent = await uploader(app, 'media-alice').upload('file', Buffer.from('never sent'), {
        contentType: 'text/plain',
      });
      const sentMsg = await alice.chat.sendFile('media-bob', Buffer.from('sent and kept'), {
        contentType: 'text/plain',
        fileName: 'kept.txt',
      });
      const content = (await receivedBy(bob, sentMsg.seq)).body[0].MsgContent as {
        UUID: string;
        Url: string;
      };
      const kept = content.UUID;
      await waitFor(async () => expect((await mediaRow(kept))?.attached_at).toBeInstanceOf(Date));
      expect((await mediaRow(unsent.UUID))?.attached_at).toBeNull();
      const usage = async () =>
        Number(
          (
            await mediaDb.query<{ bytes_used: string }>(
              `SELECT bytes_used FROM media_usage WHERE sdk_app_id = $1`,
              [app.sdkAppId],
            )
          ).rows[0].bytes_used,
        );
      const used = await usage();
      const filesOf = async (uuid: string) =>
        (await storedObjects()).filter((f) => f.includes(uuid));
      expect(await filesOf(unsent.UUID)).toHaveLength(1);

      // both made a day and an hour ago: only the one no message names goes
      await mediaDb.query(
        `UPDATE media_objects SET created_at = now() - interval '25 hours'
         WHERE sdk_app_id = $1 AND uuid = ANY($2)`,
        [app.sdkAppId, [unsent.UUID, kept]],
      );
      await waitFor(async () => expect(await mediaRow(unsent.UUID)).toBeUndefined());
      expect(await filesOf(unsent.UUID)).toEqual([]);
      expect(await usage()).toBe(used - 'never sent'.length);
      expect(await mediaRow(kept)).toBeDefined();
      expect(sha((await download(content.Url)).body)).toBe(sha(Buffer.from('sent and kept')));

      // its message 8 days old: past the app's roaming window (7 days by default)
      await mediaDb.query(
        `UPDATE media_objects SET attached_at = now() - interval '8 days'
         WHERE sdk_app_id = $1 AND uuid = $2`,
        [app.sdkAppId, kept],
      );
      await waitFor(async () => expect(await mediaRow(kept)).toBeUndefined());
      expect(await filesOf(kept)).toEqual([]);
      expect(await usage()).toBe(used - 'never sent'.length - 'sent and kept'.length);
      const gone = await download(content.Url);
      expect(gone.status).toBe(404);
      expect(gone.json).toMatchObject({ ErrorCode: ErrorCode.MediaNotFound });
    });
  });
});
