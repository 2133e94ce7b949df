import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';

import { ErrorCode } from '@im/contracts';
import type { AppReply, ChatMessage } from '@im/contracts';
import { SdkErrorCodes } from '@im/sdk';
import type * as SdkModule from '@im/sdk';
import type { ImChat } from '@im/sdk';
import { waitFor } from '@im/testing';
import { signUserSig } from '@im/usersig';

import { MessagingFixture } from './messaging.fixture';
import type { Device } from './messaging.fixture';

/** Debian's chromium (scripts/platform.sh installs it for `npm test`). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const repoRoot = path.resolve(__dirname, '../../..');
const bundleDir = path.join(repoRoot, 'libs/sdk/dist-browser');

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The page: loads the SDK's browser build as an ES module, as a browser app does. */
const PAGE = `<!doctype html><title>sdk</title>
<script type="module">import * as sdk from './im-sdk.js'; globalThis.sdk = sdk;</script>`;

/** Serves the SDK's browser build and an empty page: the page's origin is not the media service's. */
function servePage(): Promise<Server> {
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0].replace(/^\/+/, '');
    if (!name) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    if (!/^[\w.-]+\.m?js$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    readFile(path.join(bundleDir, name)).then(
      (body) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

type Sdk = typeof SdkModule;
type ImageDecoder = (blob: Blob) => Promise<{ width: number; height: number }>;

interface PageSetup {
  wsUrl: string;
  mediaUrl: string;
  sdkAppId: number;
  userId: string;
  userSig: string;
}

describe('media uploads from the browser build of the SDK (chromium)', () => {
  let fx: MessagingFixture;
  let app: AppReply;
  let bob: Device;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let png: Buffer;
  const pageErrors: string[] = [];

  async function storedObjects(): Promise<string[]> {
    const root = path.join(fx.dir, 'logs', 'media-data');
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  }

  const received = (seq: number) =>
    waitFor(
      () =>
        bob.received.find((m: ChatMessage) => m.seq === seq && m.from === 'browser-alice') ?? null,
    );

  beforeAll(async () => {
    execFileSync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules/vite/bin/vite.js'),
        'build',
        '-c',
        path.join(repoRoot, 'libs/sdk/vite.browser.config.mts'),
      ],
      { cwd: repoRoot, stdio: 'pipe' },
    );
    fx = await MessagingFixture.start({ gateways: 1 });
    app = await fx.createApp();
    bob = await fx.device(app, 'browser-bob');
    const raw = Buffer.alloc(900 * 600 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
    png = await sharp(raw, { raw: { width: 900, height: 600, channels: 3 } })
      .png()
      .toBuffer();
    server = await servePage();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'sdk' in globalThis);
    const setup: PageSetup = {
      wsUrl: fx.wsUrls[0],
      mediaUrl: fx.platform.mediaUrl,
      sdkAppId: app.sdkAppId,
      userId: 'browser-alice',
      userSig: signUserSig({
        sdkAppId: app.sdkAppId,
        secretKey: app.secretKey,
        identifier: 'browser-alice',
        expireSeconds: 3600,
      }),
    };
    // the SDK as a browser app loads it: an ES module, the browser's WebSocket and XHR
    await page.evaluate(async (s: PageSetup) => {
      const sdk = (globalThis as unknown as { sdk: Sdk }).sdk;
      const client = new sdk.ImClient({
        url: s.wsUrl,
        sdkAppId: s.sdkAppId,
        userId: s.userId,
        userSig: s.userSig,
        platform: 'Web',
      });
      const media = new sdk.MediaUploader({
        url: s.mediaUrl,
        sdkAppId: s.sdkAppId,
        userId: s.userId,
        userSig: s.userSig,
      });
      const chat = new sdk.ImChat(client, { media });
      await client.connect();
      await chat.whenSynced();
      (globalThis as unknown as { chat: ImChat }).chat = chat;
    }, setup);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    await fx?.stop();
  });

  it('sends an image from a Blob with upload-progress events; the receiver reads the original byte for byte', async () => {
    const result = await page.evaluate(
      async (bytes: number[]) => {
        // the page's own chat (page functions are sent as text: no closures)
        const chat = (globalThis as unknown as { chat: ImChat }).chat;
        const progress: { loaded: number; total: number; kind: string }[] = [];
        chat.on('upload-progress', (p: { loaded: number; total: number; kind: string }) =>
          progress.push(p),
        );
        const blob = new Blob([new Uint8Array(bytes)], { type: 'image/png' });
        const sent = await chat.sendImage('browser-bob', blob, { contentType: 'image/png' });
        return { seq: sent.seq as number, progress };
      },
      [...png],
    );

    expect(pageErrors).toEqual([]);
    expect(result.progress.length).toBeGreaterThan(0);
    expect(result.progress.at(-1)).toEqual({
      to: 'browser-bob',
      kind: 'image',
      loaded: png.length,
      total: png.length,
    });
    const message = await received(result.seq);
    const infos = (
      message.body[0].MsgContent as { ImageInfoArray: { Type: number; URL: string }[] }
    ).ImageInfoArray;
    expect(infos.map((i) => i.Type)).toEqual([1, 2, 3]);
    const original = Buffer.from(await (await fetch(infos[0].URL)).arrayBuffer());
    expect(sha(original)).toBe(sha(png));
    // the page can read a download too (CORS): the thumbnail, 198 px on its long side
    const thumbSize = await page.evaluate(async (url: string) => {
      const decode = (globalThis as unknown as { createImageBitmap: ImageDecoder })
        .createImageBitmap;
      const bitmap = await decode(await (await fetch(url)).blob());
      return Math.max(bitmap.width, bitmap.height);
    }, infos[2].URL);
    expect(thumbSize).toBe(198);
  });

  it('sends a file, a voice message and a video with its cover from the browser', async () => {
    const seqs = await page.evaluate(
      async (cover: number[]) => {
        // the page's own chat (page functions are sent as text: no closures)
        const chat = (globalThis as unknown as { chat: ImChat }).chat;
        const file = new Blob([new TextEncoder().encode('a file from the browser')]);
        const wav = new Uint8Array(44 + 1600);
        const v = new DataView(wav.buffer);
        const ascii = (at: number, text: string) =>
          [...text].forEach((c, i) => (wav[at + i] = c.charCodeAt(0)));
        ascii(0, 'RIFF');
        v.setUint32(4, 36 + 1600, true);
        ascii(8, 'WAVEfmt ');
        v.setUint32(16, 16, true);
        v.setUint16(20, 1, true);
        v.setUint16(22, 1, true);
        v.setUint32(24, 8000, true);
        v.setUint32(28, 16000, true);
        v.setUint16(32, 2, true);
        v.setUint16(34, 16, true);
        ascii(36, 'data');
        v.setUint32(40, 1600, true);
        const mp4 = new Uint8Array(64 * 1024);
        const m = new DataView(mp4.buffer);
        m.setUint32(0, 24);
        [...'ftypisom'].forEach((c, i) => (mp4[4 + i] = c.charCodeAt(0)));
        [...'isommp41'].forEach((c, i) => (mp4[16 + i] = c.charCodeAt(0)));
        m.setUint32(24, mp4.length - 24);
        [...'mdat'].forEach((c, i) => (mp4[28 + i] = c.charCodeAt(0)));
        const a = await chat.sendFile('browser-bob', file, {
          contentType: 'text/plain',
          fileName: 'note.txt',
        });
        const b = await chat.sendSound('browser-bob', new Blob([wav]), {
          contentType: 'audio/wav',
          second: 1,
        });
        const c = await chat.sendVideo('browser-bob', new Blob([mp4]), {
          contentType: 'video/mp4',
          second: 3,
          cover: { source: new Blob([new Uint8Array(cover)]), contentType: 'image/png' },
        });
        return [a.seq, b.seq, c.seq] as number[];
      },
      [...png],
    );

    const [file, sound, video] = await Promise.all(seqs.map(received));
    expect(file.body[0]).toMatchObject({
      MsgType: 'TIMFileElem',
      MsgContent: { FileName: 'note.txt', FileSize: 23, Download_Flag: 2 },
    });
    const fileUrl = (file.body[0].MsgContent as { Url: string }).Url;
    expect(await (await fetch(fileUrl)).text()).toBe('a file from the browser');
    expect(sound.body[0]).toMatchObject({
      MsgType: 'TIMSoundElem',
      MsgContent: { Size: 44 + 1600, Second: 1, Download_Flag: 2 },
    });
    expect(video.body[0]).toMatchObject({
      MsgType: 'TIMVideoFileElem',
      MsgContent: {
        VideoSize: 64 * 1024,
        VideoSecond: 3,
        VideoFormat: 'mp4',
        VideoDownloadFlag: 2,
        ThumbFormat: 'png',
        ThumbDownloadFlag: 2,
      },
    });
  });

  it('cancels an upload by its AbortSignal: rejected with Aborted, nothing kept', async () => {
    const before = await storedObjects();

    const outcome = await page.evaluate(async () => {
      // the page's own chat (page functions are sent as text: no closures)
      const chat = (globalThis as unknown as { chat: ImChat }).chat;
      const big = new Uint8Array(40 * 1024 * 1024);
      for (let i = 0; i < big.length; i += 4096) big[i] = i & 0xff;
      const controller = new AbortController();
      let loaded = 0;
      try {
        await chat.sendFile('browser-bob', new Blob([big]), {
          contentType: 'application/octet-stream',
          signal: controller.signal,
          onProgress: (p: { loaded: number }) => {
            loaded = p.loaded;
            if (p.loaded > 0) controller.abort();
          },
        });
        return { code: 0, loaded };
      } catch (err) {
        return { code: (err as { code: number }).code, loaded };
      }
    });

    expect(outcome.code).toBe(SdkErrorCodes.Aborted);
    expect(outcome.loaded).toBeLessThan(40 * 1024 * 1024);
    // the server sees the body end short and removes what it had begun to store
    await waitFor(async () => expect(await storedObjects()).toEqual(before));
  });

  it('reports a refusal as the documented code (an .exe declared as image/png)', async () => {
    const code = await page.evaluate(async () => {
      // the page's own chat (page functions are sent as text: no closures)
      const chat = (globalThis as unknown as { chat: ImChat }).chat;
      const exe = new Uint8Array(8192).fill(0x90);
      exe.set([0x4d, 0x5a], 0);
      new DataView(exe.buffer).setUint32(0x3c, 0x80, true);
      exe.set([0x50, 0x45, 0, 0], 0x80);
      try {
        await chat.sendImage('browser-bob', new Blob([exe]), { contentType: 'image/png' });
        return 0;
      } catch (err) {
        return (err as { code: number }).code;
      }
    });
    expect(code).toBe(ErrorCode.MediaTypeMismatch);
  });
});
